//! The `factlint` command: arguments in, library calls, output and exit code out.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use factlint::calendar::PartialDate;
use factlint::pipeline::{self, ClaimsOptions};
use factlint::report::claims::{ClaimsReport, render_table};
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Claims(args) => run_claims(args),
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
