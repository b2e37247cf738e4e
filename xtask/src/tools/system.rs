//! The system around the tasks: root or not, Debian's packages,
//! PostgreSQL's programs, stopping a child process.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::base::Res;
use crate::process::{check, run, shown};

pub fn is_root() -> bool {
    output("id", &["-u"], &std::env::var_os("PATH").unwrap_or_default())
        .is_some_and(|s| s.trim() == "0")
}

pub fn apt_install(packages: &[&str]) -> Res {
    let sudo = if is_root() { None } else { Some("sudo") };
    let apt = |args: &[&str]| {
        let mut c = match sudo {
            Some(s) => {
                let mut c = Command::new(s);
                c.arg("apt-get");
                c
            }
            None => Command::new("apt-get"),
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    println!("Installing Debian packages: {}", packages.join(" "));
    run(apt(&["update", "-qq"]))?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(packages);
    run(apt(&args))
}

pub fn pg_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// Runs a command quietly (no "▶" line): the helpers' own steps.
pub fn run_cmd(c: &mut Command) -> Res {
    check(c.status(), &shown(c))
}

/// Asks a child to stop (SIGTERM), then kills it after 10 s.
pub fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

pub fn output(program: &str, args: &[&str], path: &OsString) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .env("PATH", path)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
