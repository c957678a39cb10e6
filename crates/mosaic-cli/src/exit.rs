//! The exit codes, one table for every command (also in `mosaic --help` and the README).

use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Success,
    /// 1: ran, but the result is negative: `extract` wrote nothing, `kb validate` found problems.
    Negative,
    /// 2: error: bad usage or input, nothing found under a name, a name several actors or
    /// documents share, a refused correction. The message on stderr starts with `mosaic:`.
    Error,
}

/// The end of `mosaic --help`: where to start, and the exit codes.
pub const LONG_HELP: &str = "Start with `mosaic demo`, then `mosaic entities`, `mosaic actor NAME`, \
`mosaic events --type COERCE`.\n\nExit codes: 0 done; 1 ran but the result is negative (extract wrote nothing, \
kb validate found problems); 2 error (usage, input, a name that matches nothing or several \
things, a refused correction), with a message on stderr starting with `mosaic:`.";

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(match e {
            Exit::Success => 0,
            Exit::Negative => 1,
            Exit::Error => 2,
        })
    }
}

/// Prints a command-line parsing error as every other error is printed, `mosaic: …`, and exits
/// 2; help and version requests print as usual.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            Exit::Success.into()
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            Exit::Error.into()
        }
        _ => {
            let text = e.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            eprint!("mosaic: {text}");
            Exit::Error.into()
        }
    }
}
