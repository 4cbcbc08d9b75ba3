//! The `factlint` command: arguments in, library calls, output and exit code out.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::calendar::PartialDate;
use factlint::eval::tests_runner::run_tests;
use factlint::pipeline::{self, CheckOptions, ClaimsOptions};
use factlint::report::claims::{ClaimsReport, render_table};
use factlint::report::findings::{Style, Summary};
use factlint::report::reporter::{FileResult, ReportFormat, ReportSetup, reporter};
use factlint::rules::catalogue::{Catalogue, CatalogueFormat};
use factlint::rules::{self, RuleErrors, RuleSet};
use factlint::source::{Format, LoadOptions};

/// A linter for facts: extracts the checkable claims of articles and reports.
#[derive(Parser)]
#[command(name = "factlint", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the claims extracted from documents (files, folders, or - for stdin).
    Claims(ClaimsArgs),
    /// Check documents against rules (the standard library unless --rules is given).
    Check(CheckArgs),
    /// Run the inline `test` blocks of rule files (the standard library when none given).
    Test(TestArgs),
    /// Print rule files in their canonical layout.
    Fmt(FmtArgs),
    /// List the rules of rule files (the standard library when none given): documentation,
    /// definition and tests.
    Rules(RulesArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// A rule file to load; give it more than once for several files.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Documents to check: files, folders, or - for stdin. Not read while the rules have errors.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// The documents' date (YYYY, YYYY-MM or YYYY-MM-DD), for facts that change over time;
    /// overrides dates found in the documents.
    #[arg(long, value_name = "DATE")]
    date: Option<PartialDate>,
    /// Also report requirements that cannot be told, at info level.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
struct TestArgs {
    /// Rule files whose tests to run; the standard library when none is given.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct FmtArgs {
    /// Rule files to format.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print nothing but the names of the files that would change, and exit 1 if any would.
    #[arg(long, conflicts_with = "write")]
    check: bool,
    /// Rewrite the files in place instead of printing them.
    #[arg(long)]
    write: bool,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Rule files, or folders of `.rules` files; the standard library when none is given.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CatalogueFormat::Text)]
    format: CatalogueFormat,
}

#[derive(clap::Args)]
struct ClaimsArgs {
    /// Files, folders (searched recursively, honouring .gitignore) or - for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// The documents' date (YYYY, YYYY-MM or YYYY-MM-DD), for relative dates and facts that
    /// change over time; overrides dates found in the documents.
    #[arg(long, value_name = "DATE")]
    date: Option<PartialDate>,
    /// Read every input as this format instead of detecting it.
    #[arg(long = "as", value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// Files larger than this many bytes are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = LoadOptions::default().max_file_size)]
    max_file_size: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// An aligned table per file, for people.
    Table,
    /// One JSON document: {"version":1,"files":[...]}.
    Json,
    /// One JSON object per file and line, written as each file is done.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Markdown,
    Html,
}

/// Exit codes: 0 all inputs read, 2 an input could not be read or the invocation is wrong.
const EXIT_INPUT_ERROR: u8 = 2;
/// `fmt --check`: a file is not in the canonical layout.
const EXIT_WOULD_CHANGE: u8 = 1;
/// The rule files have errors.
const EXIT_RULE_ERROR: u8 = 2;
/// `check`: a finding at error level; `test`: a test failed.
const EXIT_FINDINGS: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Claims(args) => run_claims(args),
        Command::Check(args) => run_check(args),
        Command::Test(args) => run_test(args),
        Command::Fmt(args) => run_fmt(args),
        Command::Rules(args) => run_rules(args),
    }
}

fn print_rule_errors(errors: RuleErrors) {
    let count = errors.len();
    for e in errors {
        eprintln!("{:?}", miette::Report::new(e));
    }
    let noun = if count == 1 { "error" } else { "errors" };
    eprintln!("error: the rules have {count} {noun}; no document was read");
}

/// The rule files given, or the standard library.
fn load_rules(files: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    if files.is_empty() {
        rules::standard()
    } else {
        rules::load(files)
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    // The rules are loaded and checked before any document is touched.
    let rule_set = match load_rules(&args.rules) {
        Ok(rule_set) => rule_set,
        Err(errors) => {
            print_rule_errors(errors);
            return ExitCode::from(EXIT_RULE_ERROR);
        }
    };
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let options = CheckOptions {
        date: args.date,
        strict: args.strict,
        ..CheckOptions::default()
    };
    let started = Instant::now();
    let mut summary = Summary::default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut unreadable = false;
    let style = Style {
        color: io::stderr().is_terminal() && io::stdout().is_terminal(),
        ..Style::default()
    };
    let mut report = reporter(args.format, ReportSetup::new(&rule_set, style));
    let mut written = Ok(());
    for outcome in pipeline::check(&paths, &rule_set, &options) {
        for note in &outcome.notes {
            eprintln!("note: {}: {note}", outcome.path);
        }
        summary.add(&outcome.findings, outcome.error.is_some());
        let error_text = outcome.error.as_ref().map(|e| e.to_string());
        if let Some(error) = outcome.error {
            unreadable = true;
            eprintln!("{:?}", miette::Report::new(error));
        }
        if written.is_ok() {
            // Once stdout is closed there is nothing more to write, but every file still
            // counts towards the exit code.
            written = report.file(
                &mut out,
                &FileResult {
                    notes: &outcome.notes,
                    error: error_text.as_deref(),
                    ..FileResult::new(&outcome.path, &outcome.text, &outcome.findings)
                },
            );
        }
    }
    summary.elapsed_ms = started.elapsed().as_millis() as u64;
    // Also after a failed write: the human summary line goes to stderr.
    let _ = report.finish(&mut out, &summary);
    let _ = out.flush();
    if unreadable {
        ExitCode::from(EXIT_INPUT_ERROR)
    } else if summary.errors > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_test(args: TestArgs) -> ExitCode {
    let rule_set = match load_rules(&args.files) {
        Ok(rule_set) => rule_set,
        Err(errors) => {
            print_rule_errors(errors);
            return ExitCode::from(EXIT_RULE_ERROR);
        }
    };
    let results = run_tests(&rule_set);
    let failed = results.iter().filter(|r| !r.passed).count();
    for r in &results {
        if r.passed {
            println!("pass  {}", r.name);
        } else {
            println!("FAIL  {}", r.name);
            println!("      expected: {}", r.expected.join("; "));
            let actual = if r.actual.is_empty() {
                "no finding".to_string()
            } else {
                r.actual.join("; ")
            };
            println!("      found:    {actual}");
        }
    }
    println!("{} passed, {} failed", results.len() - failed, failed);
    if failed > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_fmt(args: FmtArgs) -> ExitCode {
    let mut failed = false;
    let mut would_change = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for path in &args.files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {name}: {e}");
                failed = true;
                continue;
            }
        };
        let formatted = match rules::format_str(&name, &text) {
            Ok(formatted) => formatted,
            Err(errors) => {
                for e in errors {
                    eprintln!("{:?}", miette::Report::new(e));
                }
                failed = true;
                continue;
            }
        };
        let written = if args.check {
            if formatted != text {
                would_change = true;
                writeln!(out, "{name}")
            } else {
                Ok(())
            }
        } else if args.write {
            if formatted != text
                && let Err(e) = std::fs::write(path, &formatted)
            {
                eprintln!("error: cannot write {name}: {e}");
                failed = true;
            }
            Ok(())
        } else {
            write!(out, "{formatted}")
        };
        if written.is_err() {
            return ExitCode::SUCCESS; // stdout closed
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(EXIT_INPUT_ERROR)
    } else if would_change {
        ExitCode::from(EXIT_WOULD_CHANGE)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_claims(args: ClaimsArgs) -> ExitCode {
    let format = args.input_format.map(|f| match f {
        InputFormat::Text => Format::Text,
        InputFormat::Markdown => Format::Markdown,
        InputFormat::Html => Format::Html,
    });
    let options = ClaimsOptions {
        date: args.date,
        load: LoadOptions {
            max_file_size: args.max_file_size,
            format,
        },
        ..ClaimsOptions::default()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut collected = Vec::new();
    for outcome in pipeline::claims(&args.paths, &options) {
        for note in &outcome.notes {
            eprintln!("note: {note}");
        }
        if let Some(error) = outcome.error {
            failed = true;
            eprintln!("{:?}", miette::Report::new(error));
        }
        let written = match args.format {
            OutputFormat::Table => write!(out, "{}", render_table(&outcome.claims)),
            OutputFormat::Jsonl => serde_json::to_writer(&mut out, &outcome.claims)
                .map_err(io::Error::other)
                .and_then(|()| writeln!(out)),
            OutputFormat::Json => {
                collected.push(outcome.claims);
                Ok(())
            }
        };
        if written.is_err() {
            return ExitCode::SUCCESS; // stdout closed (a pipe to `head`): nothing more to say
        }
    }
    if let OutputFormat::Json = args.format {
        let report = ClaimsReport::new(collected);
        if serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
            .is_err()
        {
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(EXIT_INPUT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_rules(args: RulesArgs) -> ExitCode {
    let rule_set = rules::paths::rule_files(&args.paths).and_then(|files| load_rules(&files));
    let rule_set = match rule_set {
        Ok(rule_set) => rule_set,
        Err(errors) => {
            let count = errors.len();
            for e in errors {
                eprintln!("{:?}", miette::Report::new(e));
            }
            let noun = if count == 1 { "error" } else { "errors" };
            eprintln!("error: the rules have {count} {noun}");
            return ExitCode::from(EXIT_RULE_ERROR);
        }
    };
    let catalogue = Catalogue::new(&rule_set).render(args.format);
    // A closed stdout (a pipe to `head`) is not an error.
    let _ = io::stdout().lock().write_all(catalogue.as_bytes());
    ExitCode::SUCCESS
}
