//! Rule files named on the command line: a file as given, a folder as the `.rules` files below
//! it.

use std::path::PathBuf;
use std::sync::Arc;

use ignore::WalkBuilder;

use super::errors::{Problem, RuleError, RuleErrors};

/// The extension of rule files, looked for in folders.
pub const EXTENSION: &str = "rules";

/// The rule files that `paths` stand for, in order: a file as given (whatever its extension),
/// a folder as every `*.rules` file below it, recursively, sorted by name within each folder
/// and honouring `.gitignore`. A path that does not exist is kept, so that loading reports it
/// with the other problems of the rule files; a folder that cannot be walked, or holds no rule
/// file, is an error.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("b.rules"), "").unwrap();
/// std::fs::write(dir.path().join("a.rules"), "").unwrap();
/// std::fs::write(dir.path().join("notes.txt"), "").unwrap();
/// let files = factlint::rules::paths::rule_files(&[dir.path().to_path_buf()]).unwrap();
/// let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_owned()).collect();
/// assert_eq!(names, ["a.rules", "b.rules"]);
/// ```
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, RuleErrors> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        let walk = WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && entry.path().extension().is_some_and(|e| e == EXTENSION) {
                        files.push(entry.into_path());
                    }
                }
                Err(e) => errors.push(unreadable(path, &e.to_string())),
            }
        }
        if files.len() == before && errors.is_empty() {
            errors.push(unreadable(path, "the folder holds no .rules file"));
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(RuleErrors { errors })
    }
}

fn unreadable(path: &std::path::Path, reason: &str) -> RuleError {
    let name = path.display().to_string();
    let problem = Problem::Import {
        path: name.clone(),
        reason: reason.to_string(),
        span: None,
    };
    RuleError::new(problem, &name, Arc::from(""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn files_stay_and_folders_give_their_rule_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        for name in ["z.rules", "sub/a.rules", "a.rules", "readme.md"] {
            fs::write(root.join(name), "").unwrap();
        }
        let single = root.join("readme.md");
        let found = rule_files(&[single.clone(), root.to_path_buf()]).unwrap();
        assert_eq!(
            found,
            [
                single,
                root.join("a.rules"),
                root.join("sub/a.rules"),
                root.join("z.rules")
            ]
        );
    }

    #[test]
    fn a_missing_file_is_left_for_loading_to_report() {
        let missing = PathBuf::from("no/such/file.rules");
        assert_eq!(
            rule_files(std::slice::from_ref(&missing)).unwrap(),
            [missing]
        );
    }

    #[test]
    fn a_folder_without_rule_files_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "").unwrap();
        let errors = rule_files(&[dir.path().to_path_buf()]).unwrap_err();
        assert_eq!(errors.len(), 1);
        let message = errors.iter().next().unwrap().to_string();
        assert!(message.contains("no .rules file"), "{message}");
    }
}
