//! The `factsheet` command: argument parsing, printing and exit statuses, nothing else.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use factsheet::diagnostic::{self, Diagnostic};
use factsheet::{serve, Options, Report};

/// `println!` that takes a closed standard output (`factsheet build | head -0`) as the reader
/// having had enough, not as a reason to panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Build source-cited fact sheets: every figure linked to the passage it came from.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site in content/ into the output directory
    Build(BuildArgs),
    /// Validate everything — references, quotes, templates — and write nothing
    Check(CheckArgs),
    /// Build into memory, serve on localhost, rebuild and reload the browser on every change
    Serve(ServeArgs),
    /// Re-check a built site's evidence offline: every article's hash, every quote's offsets
    /// (with --sources: every quote against its page as it is now, online)
    Verify(VerifyArgs),
    /// Add an article from its page: its text, and the title, outlet, date and address the
    /// page states (online; or from a saved FILE.html with --url)
    Add(AddArgs),
    /// Write the JSON Schemas of site.yaml, entities, topics, comparisons and the front
    /// matter of articles and facts into DIR, for completion and checks in editors
    Schema(SchemaArgs),
    /// Create a new site in DIR (a new or empty folder) that builds at once
    Init(InitArgs),
}

/// The site a command reads.
#[derive(Args)]
struct SiteRoot {
    /// The site's root folder (holds content/)
    #[arg(short, long, default_value = ".")]
    root: PathBuf,
}

/// `factsheet build`.
#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteRoot,
    /// Where to write the site [default: ROOT/output]
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The absolute URL the site is published at (overrides base_url in site.yaml)
    #[arg(short = 'u', long, value_parser = absolute_url)]
    base_url: Option<String>,
    /// The theme to build with (overrides theme in site.yaml)
    #[arg(long, value_parser = theme_name)]
    theme: Option<String>,
    /// Minify the pages: article text through minify-html, line breaks beside block tags dropped (as `minify: true` in site.yaml does)
    #[arg(long)]
    minify: bool,
}

impl BuildArgs {
    /// The options of the build.
    fn options(self) -> Options {
        Options {
            root: self.site.root,
            output: self.output,
            base_url: self.base_url,
            theme: self.theme,
            minify: self.minify,
            strict: false,
        }
    }
}

/// `factsheet check`.
#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteRoot,
    /// Also warn about reported facts backed by a single source
    #[arg(long)]
    strict: bool,
}

impl CheckArgs {
    /// The options of the check.
    fn options(self) -> Options {
        Options {
            root: self.site.root,
            strict: self.strict,
            ..Options::default()
        }
    }
}

/// `factsheet serve`.
#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteRoot,
    /// The port to listen on (0 picks a free one)
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Open the site in the browser once it is served (the command in $BROWSER, or the
    /// system's)
    #[arg(short = 'O', long)]
    open: bool,
}

/// `factsheet verify`.
#[derive(Args)]
struct VerifyArgs {
    /// The built site (the output folder)
    #[arg(default_value = "output")]
    dir: PathBuf,
    /// Fetch every cited page and check each quote is still on it, word for word (online)
    #[arg(long)]
    sources: bool,
    /// With --sources: check the archived copies (archive_url) too
    #[arg(long, requires = "sources")]
    archive: bool,
    /// With --sources: print the report as JSON
    #[arg(long, requires = "sources")]
    json: bool,
}

/// `factsheet add`.
#[derive(Args)]
struct AddArgs {
    #[command(flatten)]
    site: SiteRoot,
    /// The article's page: its address (https://…), or a saved copy of it (FILE.html, with --url)
    page: String,
    /// The address a saved page FILE.html was saved from
    #[arg(long)]
    url: Option<String>,
    /// The article's name (its file is content/articles/SLUG.md) [default: made from the title]
    #[arg(long)]
    slug: Option<String>,
    /// The article's title, in place of the page's (needed when the page states none)
    #[arg(long)]
    title: Option<String>,
    /// Record the Internet Archive's closest snapshot of the page as archive_url
    #[arg(long)]
    archive: bool,
    /// The archive's availability API, asked by --archive
    #[arg(long, value_name = "URL", default_value = factsheet::sources::archive::DEFAULT_ENDPOINT)]
    archive_api: String,
}

/// `factsheet schema`.
#[derive(Args)]
struct SchemaArgs {
    /// Where to write them (e.g. schema/)
    dir: PathBuf,
}

/// `factsheet init`.
#[derive(Args)]
struct InitArgs {
    /// Where to create the site
    dir: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => run(&args.options(), Verb::Build, color),
        Command::Check(args) => run(&args.options(), Verb::Check, color),
        Command::Serve(args) => preview(args, color),
        Command::Init(args) => init(&args.dir, color),
        Command::Schema(args) => schema(&args.dir, color),
        Command::Verify(args) if args.sources => verify_sources(&args),
        Command::Verify(args) => verify(&args.dir, color),
        Command::Add(args) => add(args, color),
    }
}

/// Which of the two commands that run the whole pipeline.
#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Build,
    Check,
}

/// `build` or `check`: the summary line and the warnings, or every problem and status 1.
fn run(options: &Options, verb: Verb, color: bool) -> ExitCode {
    if let Some(code) = missing_root(&options.root) {
        return code;
    }
    let building = verb == Verb::Build;
    let result = if building {
        factsheet::build(options)
    } else {
        factsheet::check(options)
    };
    match result {
        Ok(report) => {
            eprint!(
                "{}",
                diagnostic::printed(&report.warnings, &options.root, color)
            );
            say!("{}", summary(&report, building));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{}", diagnostic::printed(&problems, &options.root, color));
            let (errors, warnings) = diagnostic::count(&problems);
            let verb = if building { "build" } else { "check" };
            eprintln!(
                "error: could not {verb} the site: {errors} error{}{}; nothing was written",
                plural(errors),
                if warnings > 0 {
                    format!(", {warnings} warning{}", plural(warnings))
                } else {
                    String::new()
                }
            );
            ExitCode::from(1)
        }
    }
}

/// `serve`: the same error and status as `build` for a root without `content/`, status 2 when
/// the server cannot start.
fn preview(args: ServeArgs, color: bool) -> ExitCode {
    let root = args.site.root;
    if let Some(code) = missing_root(&root) {
        return code;
    }
    if let Some(missing) = factsheet::load::missing_content(&root) {
        return failed(&[missing], &root, color, 1);
    }
    let build = Options {
        root,
        ..Options::default()
    };
    let options = serve::ServeOptions {
        build,
        bind: args.bind,
        port: args.port,
        color,
        open: args.open,
    };
    match serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => failed(&[problem], Path::new(""), color, 2),
    }
}

/// Prints `problems` (their files read from `root`) and exits with `status`.
fn failed(problems: &[Diagnostic], root: &Path, color: bool, status: u8) -> ExitCode {
    eprint!("{}", diagnostic::printed(problems, root, color));
    ExitCode::from(status)
}

/// Exit status 2 and a message when the root folder does not exist.
fn missing_root(root: &Path) -> Option<ExitCode> {
    if root.is_dir() {
        return None;
    }
    eprintln!(
        "error: the root folder `{}` does not exist (pass the folder that holds content/ to --root)",
        root.display()
    );
    Some(ExitCode::from(2))
}

fn verify(dir: &Path, color: bool) -> ExitCode {
    if !dir.is_dir() {
        eprintln!(
            "error: the folder `{}` does not exist (pass the folder a build wrote, e.g. output/)",
            dir.display()
        );
        return ExitCode::from(2);
    }
    match factsheet::verify::verify(dir) {
        Ok(v) => {
            say!(
                "Verified {} article{} and {} quote{}: every text matches its SHA-256, every quote is at its place",
                v.articles,
                plural(v.articles),
                v.quotes,
                plural(v.quotes)
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let status = failed(&problems, dir, color, 1);
            let (errors, _) = diagnostic::count(&problems);
            eprintln!(
                "error: could not verify the site: {errors} problem{}",
                plural(errors)
            );
            status
        }
    }
}

/// `verify --sources`: the report (or JSON), status 0, 1 or 2 as the report says; 2 when the
/// folder holds no evidence bundle.
fn verify_sources(args: &VerifyArgs) -> ExitCode {
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, all: usize| {
        if terminal {
            eprint!("\rChecking the cited pages: {done} of {all}\x1b[K");
            if done == all {
                eprint!("\r\x1b[K");
            }
        }
    };
    match factsheet::sources::recheck::recheck(&args.dir, args.archive, &progress) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            let written = if args.json {
                serde_json::to_writer_pretty(&mut out, &report)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            } else {
                factsheet::sources::recheck::print(&report, &mut out)
            };
            match written {
                Ok(()) => ExitCode::from(report.status),
                Err(_) => ExitCode::from(2),
            }
        }
        Err(problems) => failed(&problems, &args.dir, false, 2),
    }
}

/// `add PAGE`: the file written, where each field came from and the next step; or why not and
/// status 1.
fn add(args: AddArgs, color: bool) -> ExitCode {
    use factsheet::sources::add::{AddOptions, PageSource};
    let root = args.site.root;
    if let Some(code) = missing_root(&root) {
        return code;
    }
    let is_address = args.page.contains("://");
    let source = match (is_address, args.url) {
        (true, None) => PageSource::Url(args.page.clone()),
        (true, Some(_)) => {
            eprintln!("error: give the address once: `factsheet add URL`, or `factsheet add FILE.html --url URL` for a saved page");
            return ExitCode::from(2);
        }
        (false, Some(url)) => PageSource::File {
            path: PathBuf::from(&args.page),
            url,
        },
        (false, None) => {
            eprintln!(
                "error: `{}` is a file: give the address it was saved from with --url URL",
                args.page
            );
            return ExitCode::from(2);
        }
    };
    let options = AddOptions {
        root: root.clone(),
        source,
        slug: args.slug,
        title: args.title,
        archive: args.archive.then_some(args.archive_api),
    };
    match factsheet::sources::add::add(&options) {
        Ok(added) => {
            let mut said = format!("Wrote {} from {}\n", added.file, args.page);
            for line in &added.fields {
                said.push_str(&format!("  {line}\n"));
            }
            said.push_str(&format!(
                "Next: quote it from a fact in content/facts/, word for word:\n  sources:\n    - article: {}\n      quote: \"…a passage of {}…\"\n",
                added.slug, added.file
            ));
            // A closed pipe (`| head`) is not a failure of the command.
            let _ = std::io::stdout().lock().write_all(said.as_bytes());
            ExitCode::SUCCESS
        }
        Err(problem) => failed(&[problem], &root, color, 1),
    }
}

/// `schema DIR`: the files written, or why not and status 2.
fn schema(dir: &Path, color: bool) -> ExitCode {
    match factsheet::content::schema::write(dir) {
        Ok(paths) => {
            for path in paths {
                say!("Wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => failed(&[problem], Path::new(""), color, 2),
    }
}

/// `init DIR`: the files of the new site and the next step, or why not and status 2.
fn init(dir: &Path, color: bool) -> ExitCode {
    match factsheet::init::init(dir) {
        Ok(files) => {
            say!("Created a new site in {}:", dir.display());
            for file in files {
                say!("  {file}");
            }
            say!(
                "Next: cd {} && factsheet serve    (or: factsheet build)",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(problem) => failed(&[problem], Path::new(""), color, 2),
    }
}

/// Accepts only absolute http(s) URLs for `--base-url`.
fn absolute_url(url: &str) -> Result<String, String> {
    match factsheet::content::article::base_url_problem(url) {
        None => Ok(url.to_string()),
        Some(problem) => Err(format!(
            "`{url}` {problem}; write it in full, e.g. https://example.org/sheet/"
        )),
    }
}

/// Accepts only slugs for `--theme` (a theme is a folder name).
fn theme_name(name: &str) -> Result<String, String> {
    if factsheet::model::slug::is_valid(name) {
        Ok(name.to_string())
    } else {
        Err(format!(
            "`{name}` is not a theme name: use `default`, `brief` or a folder of themes/"
        ))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn summary(r: &Report, building: bool) -> String {
    let counts = format!(
        "{} fact{}, {} article{}, {} entit{}, {} topic{}, {} comparison{}",
        r.facts,
        plural(r.facts),
        r.articles,
        plural(r.articles),
        r.entities,
        if r.entities == 1 { "y" } else { "ies" },
        r.topics,
        plural(r.topics),
        r.comparisons,
        plural(r.comparisons),
    );
    let ms = r.elapsed.as_millis();
    let warnings = match r.warnings.len() {
        0 => String::new(),
        n => format!(" ({n} warning{})", plural(n)),
    };
    match (&r.output, building) {
        (Some(out), true) => format!(
            "Built {} pages: {counts}; {} quote{} verified, in {ms} ms -> {}{warnings}",
            r.pages,
            r.quotes,
            plural(r.quotes),
            out.display()
        ),
        _ => format!(
            "Checked {counts}: {} quote{} verified, {} pages render, in {ms} ms{warnings}",
            r.quotes,
            plural(r.quotes),
            r.pages
        ),
    }
}

/// Rendering allocates many small values on every thread; mimalloc makes a 30,000-page build
/// about 15% faster than the system allocator (see bench/).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
