//! Running commands: shown as a person would type them, echoed, their
//! failure named, the tests they report counted.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::base::Res;

/// The command as a person would type it, without the environment.
pub fn shown(c: &Command) -> String {
    std::iter::once(c.get_program())
        .chain(c.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(mut c: Command) -> Res {
    let shown = shown(&c);
    println!("\n▶ {shown}");
    check(c.status(), &shown)
}

/// Turns a finished command into a result that names it.
pub fn check(status: std::io::Result<std::process::ExitStatus>, shown: &str) -> Res {
    let status = status.map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs a command, echoing its output, and counts the tests it reports.
pub fn run_counting(mut c: Command, counts: &mut Counts) -> Res {
    let shown = shown(&c);
    println!("\n▶ {shown}");
    c.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = c
        .spawn()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            counts.read_line(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Tests counted from the runners' own summary lines.
#[derive(Debug, Default)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    fn read_line(&mut self, line: &str) {
        let number_before = |text: &str, word: &str| -> Option<u64> {
            let at = text.find(word)?;
            text[..at].split_whitespace().last()?.parse().ok()
        };
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("test result: ") {
            // cargo test: "test result: ok. 12 passed; 0 failed; 0 ignored; ..."
            self.passed += number_before(rest, " passed").unwrap_or(0);
            self.failed += number_before(rest, " failed").unwrap_or(0);
        } else if (t.ends_with(" passed") || t.contains(" passed ("))
            && t.split_whitespace().count() <= 3
            && let Some(n) = number_before(t, " passed")
        {
            // Playwright: "  24 passed (31.2s)"
            self.passed += n;
        } else if (t.ends_with(" failed") || t.ends_with(" flaky"))
            && t.split_whitespace().count() == 2
            && let Some(n) = number_before(t, " failed")
        {
            self.failed += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_and_playwright_lines() {
        let mut c = Counts::default();
        c.read_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.1s");
        c.read_line("test result: FAILED. 3 passed; 2 failed; 0 ignored");
        c.read_line("  24 passed (31.2s)");
        c.read_line("  1 failed");
        c.read_line("the word passed appears here but is no summary passed");
        assert_eq!((c.passed, c.failed), (39, 3));
    }
}
