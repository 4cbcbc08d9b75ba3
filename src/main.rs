//! The `factlint` command: arguments in, library calls, output and exit code out.

use std::io::{self, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::calendar::PartialDate;
use factlint::config::{self, Config, ConfigErrors, default_rule_files};
use factlint::eval::finding::Severity;
use factlint::eval::tests_runner::run_tests;
use factlint::pipeline::{
    self, BaselineStage, CheckOptions, CheckRun, ClaimsOptions, Progress, Shard, SuppressionOptions,
};
use factlint::report::claims::{ClaimsReport, render_table};
use factlint::report::findings::Style;
use factlint::report::reporter::{ReportFormat, ReportSetup, reporter};
use factlint::rules::catalogue::{Catalogue, CatalogueFormat};
use factlint::rules::{self, RuleErrors, RuleSet};
use factlint::source::{Format, LoadOptions, WalkOptions};
use factlint::triage::RuleIds;

// Checking allocates many small, short-lived values on every thread; mimalloc serves them
// faster than the system allocator and without contention between threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Documents to check: files, folders, or - for stdin. Not read while the rules have errors.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// The configuration file [default: the nearest factlint.toml from the working directory
    /// upward].
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file: the standard rules and the flags' defaults.
    #[arg(long)]
    no_config: bool,
    /// A rule file to load instead of the standard library (and the configuration's rule
    /// files); give it more than once for several files.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// A rule file to load beside the standard library (or beside --rules); give it more than
    /// once for several files.
    #[arg(long = "extend-rules", value_name = "FILE")]
    extend_rules: Vec<PathBuf>,
    /// Output format [default: the configuration's format, else human].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// What the inputs hold: documents, or JSON Lines records ({"id":..,"text":..}), one
    /// document per line (folders are searched for .jsonl files).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = InputKind::Documents)]
    input_format: InputKind,
    /// Threads checking documents [default: one per core]; 1 checks on the main thread.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Check only shard K of N: the inputs at positions K, K+N, K+2N, ... of the walk (files,
    /// or records). The N shards are disjoint and together hold every input.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Report only the findings that this baseline file does not hold, and count the fixed
    /// ones.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file (replacing it) and report none.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report suppression comments that silenced no finding (as warnings of
    /// unused-suppression).
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Print no notes, progress or summary line; findings and errors are still printed.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Exit 1 when there are more than N warnings, even with no finding at error level
    /// [default: the configuration's max-warnings, else no limit].
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Exit 0 whatever the findings and unreadable inputs (for engines that treat any other
    /// code as a failed task); invalid rules, configuration or usage still exit 2.
    #[arg(long)]
    exit_zero: bool,
    /// Inputs (or record lines) larger than this many bytes are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = LoadOptions::default().max_file_size)]
    max_file_size: u64,
    /// The documents' date (YYYY, YYYY-MM or YYYY-MM-DD), for facts that change over time;
    /// overrides dates found in the documents.
    #[arg(long, value_name = "DATE")]
    date: Option<PartialDate>,
    /// Also report requirements that cannot be told, at info level [default: the
    /// configuration's strict, else off].
    #[arg(long, overrides_with = "no_strict")]
    strict: bool,
    /// Report only definite failures, even when the configuration sets `strict`.
    #[arg(long, overrides_with = "strict")]
    no_strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputKind {
    /// Text, Markdown and HTML documents.
    Documents,
    /// JSON Lines records, one document per line.
    Jsonl,
}

#[derive(clap::Args)]
struct TestArgs {
    /// Rule files, or folders of `.rules` files, whose tests to run; the standard library when
    /// none is given.
    #[arg(value_name = "PATH")]
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

/// Exit codes (docs/cli.md): 0 all inputs read, 2 an input could not be read or the
/// invocation is wrong.
const EXIT_INPUT_ERROR: u8 = 2;
/// `fmt --check`: a file is not in the canonical layout.
const EXIT_WOULD_CHANGE: u8 = 1;
/// The rule files have errors.
const EXIT_RULE_ERROR: u8 = 2;
/// `check`: a finding at error level, or more warnings than `--max-warnings`; `test`: a test
/// failed.
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

/// Warnings on rules that load but may be slow on long documents.
fn print_rule_warnings(rule_set: &RuleSet) {
    for warning in factlint::eval::plan_warnings::cross_products(rule_set) {
        eprintln!("{:?}", miette::Report::new(warning));
    }
}

fn print_config_errors(errors: ConfigErrors) {
    let count = errors.len();
    for e in errors {
        eprintln!("{:?}", miette::Report::new(e));
    }
    let noun = if count == 1 { "error" } else { "errors" };
    eprintln!("error: the configuration has {count} {noun}; no document was read");
}

/// The rule files given, or the standard library.
fn load_rules(files: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    if files.is_empty() {
        rules::standard()
    } else {
        rules::load(files)
    }
}

/// What `check` runs with once the configuration, the rules and the baseline are read: any
/// of them wrong is an exit code, before a document is read.
struct CheckSetup {
    rule_set: RuleSet,
    options: CheckOptions,
    format: ReportFormat,
    max_warnings: Option<usize>,
    baseline: BaselineStage,
}

fn check_setup(args: &CheckArgs) -> Result<CheckSetup, ExitCode> {
    let config = if args.no_config {
        None
    } else {
        Config::resolve(args.config.as_deref(), Path::new(".")).map_err(|errors| {
            print_config_errors(errors);
            ExitCode::from(EXIT_RULE_ERROR)
        })?
    };
    let rule_files = match &config {
        Some(config) => config.rule_files(&args.rules),
        None => default_rule_files(&args.rules),
    };
    // The rules are loaded and checked before any document is touched.
    let mut rule_set = rule_files
        .and(&args.extend_rules)
        .load()
        .map_err(|errors| {
            print_rule_errors(errors);
            ExitCode::from(EXIT_RULE_ERROR)
        })?;
    if !args.quiet {
        print_rule_warnings(&rule_set);
    }
    // A suppression may name any rule loaded, also one the configuration turns off.
    let rule_ids = RuleIds::of(&rule_set);
    if let Some(config) = &config {
        config.apply(&mut rule_set).map_err(|errors| {
            print_config_errors(errors);
            ExitCode::from(EXIT_RULE_ERROR)
        })?;
    }
    let baseline = match (&args.baseline, &args.write_baseline) {
        (Some(file), _) => BaselineStage::filter(file).map_err(|error| {
            eprintln!("{:?}", miette::Report::new(error));
            ExitCode::from(EXIT_INPUT_ERROR)
        })?,
        (None, Some(file)) => BaselineStage::write(file.clone()),
        (None, None) => BaselineStage::Off,
    };
    let options = CheckOptions {
        date: args.date,
        strict: args.strict
            || !args.no_strict && config.as_ref().and_then(|c| c.strict) == Some(true),
        load: LoadOptions {
            max_file_size: args.max_file_size,
            ..LoadOptions::default()
        },
        walk: WalkOptions {
            records: matches!(args.input_format, InputKind::Jsonl),
            globs: config.as_ref().map(|c| c.globs.clone()).unwrap_or_default(),
            ..WalkOptions::default()
        },
        suppressions: Some(SuppressionOptions {
            rule_ids,
            report_unused: args.report_unused_suppressions,
        }),
    };
    let max_warnings = args.max_warnings.or_else(|| {
        let max = config.as_ref()?.max_warnings?;
        Some(usize::try_from(max).unwrap_or(usize::MAX))
    });
    Ok(CheckSetup {
        rule_set,
        options,
        format: args
            .format
            .or_else(|| config.as_ref()?.format.map(report_format))
            .unwrap_or_default(),
        max_warnings,
        baseline,
    })
}

/// The report format a configuration's `format` names.
fn report_format(format: config::OutputFormat) -> ReportFormat {
    match format {
        config::OutputFormat::Human => ReportFormat::Human,
        config::OutputFormat::Json => ReportFormat::Json,
        config::OutputFormat::Jsonl => ReportFormat::Jsonl,
        config::OutputFormat::Sarif => ReportFormat::Sarif,
        config::OutputFormat::Github => ReportFormat::Github,
        config::OutputFormat::Junit => ReportFormat::Junit,
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let setup = match check_setup(&args) {
        Ok(setup) => setup,
        Err(code) => return code,
    };
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    let style = Style {
        color: io::stderr().is_terminal() && io::stdout().is_terminal(),
        ..Style::default()
    };
    let report = reporter(
        setup.format,
        ReportSetup {
            quiet: args.quiet,
            ..ReportSetup::new(&setup.rule_set, style)
        },
    );
    let mut run = CheckRun::new(report, setup.baseline);
    let jobs = args.jobs.unwrap_or_else(pipeline::default_jobs);
    let items = pipeline::check_items(&paths, &setup.options, args.shard);
    let outcomes = pipeline::check_parallel(
        items,
        Arc::new(setup.rule_set),
        Arc::new(setup.options),
        jobs,
    );
    let started = Instant::now();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut progress = Progress::new(!args.quiet && io::stderr().is_terminal());
    // Output goes out file by file when the progress line shares the terminal, and record by
    // record for an engine that pipes records in and reads results as they come.
    let stdout_is_terminal = io::stdout().is_terminal();
    let flush_each = matches!(args.input_format, InputKind::Jsonl) && setup.format.streams();
    let mut written = Ok(());
    for mut outcome in outcomes {
        run.triage(&mut outcome);
        let count = |level| {
            outcome
                .findings
                .iter()
                .filter(|f| f.severity == level)
                .count()
        };
        progress.add(
            count(Severity::Error),
            count(Severity::Warning),
            outcome.error.is_some(),
        );
        // The progress line is cleared and redrawn only around what reaches the terminal.
        let shown = outcome.error.is_some()
            || (!args.quiet && !outcome.notes.is_empty())
            || (stdout_is_terminal && setup.format.streams());
        let mut emit = || {
            if !args.quiet {
                for note in &outcome.notes {
                    eprintln!("note: {}: {note}", outcome.path);
                }
            }
            // Once stdout is closed there is nothing more to write, but every file still
            // counts towards the exit code.
            if written.is_ok() {
                written = run.report(&mut out, &outcome);
                if flush_each || (progress.is_shown() && stdout_is_terminal) {
                    written = std::mem::replace(&mut written, Ok(())).and_then(|()| out.flush());
                }
            }
            if let Some(error) = outcome.error.take() {
                eprintln!("{:?}", miette::Report::new(error));
            }
        };
        if shown {
            progress.suspend(emit)
        } else {
            emit()
        }
    }
    progress.finish();
    // Also after a failed write: the human summary line goes to stderr.
    let end = run.finish(&mut out, started.elapsed());
    let _ = out.flush();
    let summary = end.summary;
    let baseline_failed = match end.written {
        Ok(Some((file, count))) => {
            if !args.quiet {
                let noun = if count == 1 { "finding" } else { "findings" };
                eprintln!("{count} {noun} written to {}", file.display());
            }
            false
        }
        Ok(None) => false,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            true
        }
    };
    if baseline_failed {
        // The baseline asked for was not written: a failure of the run itself, as a wrong
        // path on the command line would be, whatever --exit-zero says.
        return ExitCode::from(EXIT_INPUT_ERROR);
    }
    let too_many_warnings = max_warnings_exceeded(summary.warnings, setup.max_warnings);
    check_exit_code(
        summary.files_with_errors > 0,
        summary.errors > 0 || too_many_warnings,
        args.exit_zero,
    )
}

/// Whether `warnings` is over the limit, saying so on stderr when it is.
fn max_warnings_exceeded(warnings: usize, max: Option<usize>) -> bool {
    match max {
        Some(max) if warnings > max => {
            eprintln!("error: {warnings} warnings, more than --max-warnings {max}");
            true
        }
        _ => false,
    }
}

/// The exit code of `check`: an unreadable input (2) wins over findings (1), because a run
/// that did not read everything cannot be called clean or not.
fn check_exit_code(unreadable: bool, findings: bool, exit_zero: bool) -> ExitCode {
    if exit_zero {
        ExitCode::SUCCESS
    } else if unreadable {
        ExitCode::from(EXIT_INPUT_ERROR)
    } else if findings {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_test(args: TestArgs) -> ExitCode {
    let rule_set = match rules::paths::rule_files(&args.files).and_then(|f| load_rules(&f)) {
        Ok(rule_set) => rule_set,
        Err(errors) => {
            print_rule_errors(errors);
            return ExitCode::from(EXIT_RULE_ERROR);
        }
    };
    print_rule_warnings(&rule_set);
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
