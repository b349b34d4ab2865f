//! Every integration test, in one binary: each module is one capability, as its own doc comment
//! says. One binary links the crate and its dependencies once, where a file per capability
//! linked them twenty times (mdBook's tests are laid out the same way).

mod browser_tokens;
mod common;

mod architecture;
mod boundary;
mod cli;
mod data;
mod errors;
mod grounding;
mod hostile;
mod incremental;
mod limits;
mod mutations;
mod output;
mod page_ids;
mod pages;
mod pipeline;
mod provenance;
mod quickstart;
mod quotes;
mod repo_site;
mod schema;
mod seams;
mod serve;
mod setup;
mod slips;
mod sources;
mod themes;
mod trust;
mod unprivileged;
