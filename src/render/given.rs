//! Files made before rendering, written as they are: the JSON Schemas of the content files
//! (`data/schema/`), which `lib.rs` hands the rendition ([`super::Rendition::with_files`]).

use super::output::Output;
use super::{Renderer, Sink};
use crate::diagnostic::Diagnostic;

/// The files given to the rendition.
pub const GIVEN: Output = Output {
    name: "files made before rendering (data/schema/*.json)",
    write,
};

fn write(renderer: &Renderer<'_>, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    for (path, text) in renderer.given {
        sink.write(path, text.clone().into_bytes())
            .map_err(|d| vec![d])?;
    }
    Ok(())
}
