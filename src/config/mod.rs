//! The configuration file, `factlint.toml`: which rules run and how, which files a walked
//! directory yields, and defaults for the flags of `factlint check`.
//!
//! It is found from the working directory upward ([`Config::discover`]) or named explicitly
//! ([`Config::load`]); [`Config::resolve`] does what the command line needs. Every value is an
//! `Option` or a list, so that a flag given on the command line wins simply:
//! `args.format.or(config.format)`. Paths in the file are relative to its folder. The keys are
//! described in `docs/config.md`.
//!
//! ```
//! use factlint::config::{Config, OutputFormat};
//! let config = Config::parse(
//!     "factlint.toml".as_ref(),
//!     r#"
//! format = "sarif"
//! exclude = ["drafts/"]
//!
//! [rules]
//! disable = ["period-order"]
//! default-tolerance = "2 %"
//!
//! [rules.severity]
//! list-count = "warning"
//! "#,
//! )
//! .expect("a valid configuration");
//! assert_eq!(config.format, Some(OutputFormat::Sarif));
//!
//! let mut rules = factlint::rules::standard().expect("the standard rules");
//! config.apply(&mut rules).expect("every ID names a rule");
//! assert!(rules.rules.iter().all(|r| r.id != "period-order"));
//! ```

mod apply;
mod error;
mod load;
mod schema;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::SourceSpan;
use serde::Deserialize;

use crate::rules::checked::Severity;
use crate::rules::{self, RuleErrors, RuleSet};
use crate::source::Globs;

pub use error::{ConfigError, ConfigErrors};

/// The name of the configuration file.
pub const FILE_NAME: &str = "factlint.toml";

/// A configuration file, read and checked.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file, as found or given.
    pub path: PathBuf,
    /// Its folder: the paths and globs in the file are relative to it.
    pub dir: PathBuf,
    /// `format`: the output format when `--format` is not given.
    pub format: Option<OutputFormat>,
    /// `strict`: also report what cannot be told, when neither `--strict` nor `--no-strict` is
    /// given.
    pub strict: Option<bool>,
    /// `max-warnings`: the most warnings allowed before the run fails.
    pub max_warnings: Option<u64>,
    /// `include` and `exclude`, compiled, relative to [`Config::dir`].
    pub globs: Globs,
    /// The `[rules]` table.
    pub rules: RuleSettings,
    /// The file's text, for errors found when the settings are applied.
    text: Arc<str>,
}

/// The `[rules]` table: which rule files make the rule set, and changes to its rules.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSettings {
    /// `files`: rule files to load instead of the standard library.
    pub files: Option<Vec<PathBuf>>,
    /// `extend-files`: rule files to load beside the standard library (or beside `files`).
    pub extend_files: Vec<PathBuf>,
    /// `disable`: rules that do not run.
    pub disable: Vec<RuleRef>,
    /// `[rules.severity]`: a severity for each of these rules; `off` disables it.
    pub severity: Vec<(RuleRef, Level)>,
    /// `default-tolerance`: the `~=` tolerance of rules whose rule file states none, as a
    /// share (0.02 for `"2 %"`).
    pub default_tolerance: Option<f64>,
    /// `[rules.tolerance]`: the `~=` tolerance of each of these rules, as a share, whatever
    /// the rule file states.
    pub tolerance: Vec<(RuleRef, f64)>,
}

/// A rule ID as written in the configuration file, with its place there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub span: SourceSpan,
}

/// A severity in `[rules.severity]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Info,
    /// The rule does not run.
    Off,
}

impl Level {
    pub const ALL: [Level; 4] = [Self::Error, Self::Warning, Self::Info, Self::Off];

    /// The severity a rule gets; `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Off => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.severity().map_or("off", Severity::as_str)
    }
}

/// An output format named by `format`. The command line maps it to its own formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 6] = [
        Self::Human,
        Self::Json,
        Self::Jsonl,
        Self::Sarif,
        Self::Github,
        Self::Junit,
    ];

    /// The name as written in the file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Junit => "junit",
        }
    }
}

impl schema::Named for Level {
    const WHAT: &'static str = "a severity";
    const NAMES: &'static [&'static str] = &["error", "warning", "info", "off"];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        schema::by_name(deserializer, &Level::ALL)
    }
}

impl schema::Named for OutputFormat {
    const WHAT: &'static str = "an output format";
    const NAMES: &'static [&'static str] = &["human", "json", "jsonl", "sarif", "github", "junit"];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl<'de> Deserialize<'de> for OutputFormat {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        schema::by_name(deserializer, &OutputFormat::ALL)
    }
}

/// Which rule files make the rule set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleFiles {
    /// The standard library, with these files beside it (often none).
    Standard { extra: Vec<PathBuf> },
    /// These files only.
    Files(Vec<PathBuf>),
}

impl RuleFiles {
    /// The same rule set with `more` files beside it (`--extend-rules`): the standard library
    /// stays the standard library, and a list of files grows.
    ///
    /// ```
    /// use factlint::config::RuleFiles;
    /// let standard = RuleFiles::Standard { extra: vec![] };
    /// assert_eq!(
    ///     standard.and(&["house.rules".into()]),
    ///     RuleFiles::Standard { extra: vec!["house.rules".into()] }
    /// );
    /// ```
    pub fn and(self, more: &[PathBuf]) -> RuleFiles {
        match self {
            Self::Standard { mut extra } => {
                extra.extend_from_slice(more);
                Self::Standard { extra }
            }
            Self::Files(mut files) => {
                files.extend_from_slice(more);
                Self::Files(files)
            }
        }
    }

    /// Loads and checks the rule set.
    pub fn load(&self) -> Result<RuleSet, RuleErrors> {
        match self {
            Self::Standard { extra } => rules::load_standard_and(extra),
            Self::Files(files) => rules::load(files),
        }
    }
}

impl Config {
    /// Reads and checks the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// Checks `text` as the configuration file at `path` (which need not exist; its folder is
    /// the base of the relative paths in it).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigErrors> {
        load::parse(path, text)
    }

    /// The nearest `factlint.toml` in `start` or a folder above it, read and checked; `None`
    /// when there is none up to the root of the file system.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigErrors> {
        find(start).map(|path| Config::load(&path)).transpose()
    }

    /// What the command line does: the file named by `--config` if there is one (an error if
    /// it cannot be read), else the nearest one from `cwd` upward, if any.
    pub fn resolve(explicit: Option<&Path>, cwd: &Path) -> Result<Option<Config>, ConfigErrors> {
        match explicit {
            Some(path) => Config::load(path).map(Some),
            None => Config::discover(cwd),
        }
    }

    /// The rule files to load: those given on the command line (`cli`), which win over the
    /// file; else `files` and `extend-files`; else the standard library.
    pub fn rule_files(&self, cli: &[PathBuf]) -> RuleFiles {
        let extra = self.rules.extend_files.iter().cloned();
        match &self.rules.files {
            _ if !cli.is_empty() => RuleFiles::Files(cli.to_vec()),
            Some(files) => RuleFiles::Files(files.iter().cloned().chain(extra).collect()),
            None => RuleFiles::Standard {
                extra: extra.collect(),
            },
        }
    }

    /// The file's text, named by its path, for diagnostics.
    fn source(&self) -> error::Source {
        miette::NamedSource::new(self.path.display().to_string(), self.text.clone())
    }
}

/// The rule files when there is no configuration: those on the command line, else the
/// standard library.
pub fn default_rule_files(cli: &[PathBuf]) -> RuleFiles {
    if cli.is_empty() {
        RuleFiles::Standard { extra: Vec::new() }
    } else {
        RuleFiles::Files(cli.to_vec())
    }
}

/// The path of the nearest `factlint.toml` in `start` or a folder above it. A relative `start`
/// is taken from the working directory, so that the search goes up to the root; the folders
/// above are those of the real path, as for the working directory itself.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start)
        .or_else(|_| std::path::absolute(start))
        .unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}
