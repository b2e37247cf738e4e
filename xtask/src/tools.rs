//! Installs what the build and the tests need, from the package registries
//! only: Rust tools with `cargo install`, wasm-opt from npm, the browser and
//! PostgreSQL from Debian, moto's S3 server from PyPI. Each is skipped when
//! the right version is there.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Res, TempDir, cache_dir, free_port, root, run};

const TRUNK_VERSION: &str = "0.21.14";
const MOTO_VERSION: &str = "5.2.1";
const SCHEMATHESIS_VERSION: &str = "4.32.5";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What a command needs beyond the build tools.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    pub browser: bool,
    pub postgres: bool,
    /// The OpenSSL command line: the signature tests check interoperability with it.
    pub openssl: bool,
}

/// The installed tools, and the PATH that finds them.
#[derive(Debug)]
pub struct Tools {
    extra_path: Vec<PathBuf>,
}

impl Tools {
    pub fn ensure(need: Need) -> Res<Tools> {
        let npm_tools = cache_dir().join("tools").join("npm");
        let tools = Tools {
            extra_path: vec![cargo_bin(), npm_tools.join("node_modules").join(".bin")],
        };
        ensure_wasm_target()?;
        // Without its default features: no update check against crates.io
        // and no TLS stack, since it downloads nothing here (wasm-bindgen
        // and wasm-opt are ours): a minute and more less to compile.
        ensure_cargo_tool(
            &tools,
            "trunk",
            TRUNK_VERSION,
            &["--locked", "--no-default-features"],
        )?;
        // wasm-bindgen's own lockfile pins a crate the registry lacks: no --locked.
        ensure_cargo_tool(&tools, "wasm-bindgen-cli", &wasm_bindgen_version()?, &[])?;
        ensure_npm_dir(&root().join("xtask").join("tools"), &npm_tools, &[])?;
        if need.browser {
            if !Path::new("/usr/bin/chromium").exists() {
                apt_install(&["chromium", "fonts-dejavu-core"])?;
            }
            // Playwright uses Debian's Chromium; it downloads no browser.
            let e2e = root().join("e2e");
            ensure_npm_dir(&e2e, &e2e, &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")])?;
        }
        // The portal's result documents need a font with every Kazakh letter.
        if !Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists() {
            apt_install(&["fonts-dejavu-core"])?;
        }
        // The test tools: OpenSSL for signature interop, pdftotext to read
        // result documents back.
        if need.openssl && !Path::new("/usr/bin/openssl").exists() {
            apt_install(&["openssl"])?;
        }
        if need.openssl && !Path::new("/usr/bin/pdftotext").exists() {
            apt_install(&["poppler-utils"])?;
        }
        if need.postgres && pg_bin_dir().is_none() {
            apt_install(&["postgresql"])?;
        }
        Ok(tools)
    }

    pub fn path_env(&self) -> OsString {
        let mut paths = self.extra_path.clone();
        if let Some(p) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&p));
        }
        std::env::join_paths(paths).unwrap_or_default()
    }
}

fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// Cargo's home: `CARGO_HOME`, or `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".cargo")
        })
}

fn output(program: &str, args: &[&str], path: &OsString) -> Option<String> {
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

fn ensure_wasm_target() -> Res {
    let installed = output(
        "rustup",
        &["target", "list", "--installed"],
        &std::env::var_os("PATH").unwrap_or_default(),
    )
    .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    let mut c = Command::new("rustup");
    c.args(["target", "add", WASM_TARGET]);
    run(c)
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it.
fn wasm_bindgen_version() -> Res<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// `cargo install` a tool unless its binary already reports `version`.
pub fn ensure_cargo_tool(tools: &Tools, krate: &str, version: &str, extra: &[&str]) -> Res {
    let binary = match krate {
        "wasm-bindgen-cli" => "wasm-bindgen",
        other => other,
    };
    let have = output(binary, &["--version"], &tools.path_env()).unwrap_or_default();
    if have
        .split_whitespace()
        .any(|w| w.trim_start_matches('v') == version)
    {
        return Ok(());
    }
    println!(
        "Installing {krate} {version} (once; it is cached in {})",
        cargo_bin().display()
    );
    let mut c = Command::new("cargo");
    c.args(["install", krate, "--version", version])
        .args(extra)
        // A tool's own release profile may ask for fat LTO in one codegen
        // unit (Trunk does: ten minutes on two cores); our tools run for
        // seconds, so a quicker build of them serves as well (Trunk:
        // 7 min 19 s with LTO off, 4 min 27 s also at opt-level 1 and
        // without its default features).
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
    run(c)
}

/// `npm ci` in `dest` with the manifest and lockfile of `src`, unless done for this lockfile.
fn ensure_npm_dir(src: &Path, dest: &Path, env: &[(&str, &str)]) -> Res {
    let lock = std::fs::read(src.join("package-lock.json"))
        .map_err(|e| format!("{}: {e}", src.display()))?;
    let stamp = dest.join("node_modules").join(".egov-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    if src != dest {
        std::fs::create_dir_all(dest).map_err(|e| e.to_string())?;
        for f in ["package.json", "package-lock.json"] {
            std::fs::copy(src.join(f), dest.join(f)).map_err(|e| format!("{f}: {e}"))?;
        }
    }
    let mut c = Command::new("npm");
    c.args(["ci", "--no-audit", "--no-fund"]).current_dir(dest);
    for (k, v) in env {
        c.env(k, v);
    }
    run(c)?;
    std::fs::write(&stamp, &lock).map_err(|e| e.to_string())
}

fn is_root() -> bool {
    output("id", &["-u"], &std::env::var_os("PATH").unwrap_or_default())
        .is_some_and(|s| s.trim() == "0")
}

fn apt_install(packages: &[&str]) -> Res {
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

fn pg_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// A throwaway PostgreSQL server on loopback, stopped and deleted on drop.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_postgres: bool,
    _dir: TempDir,
}

impl Postgres {
    pub fn start(_tools: &Tools) -> Res<Postgres> {
        let bin = pg_bin_dir().ok_or("PostgreSQL is not installed")?;
        let dir = TempDir::new("egov-pg")?;
        let data = dir.0.join("data");
        let port = free_port()?;
        // initdb refuses to run as root: use the postgres account then.
        let as_postgres = is_root();
        if as_postgres {
            run_cmd(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&dir.0),
            )?;
        }
        let pg = Postgres {
            bin,
            data,
            port,
            as_postgres,
            _dir: dir,
        };
        pg.pg(
            "initdb",
            &[
                "-D",
                &pg.data_str(),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-N",
            ],
        )?;
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            pg.port,
            pg.data_str()
        );
        let log = format!("{}/server.log", pg.data_str());
        pg.pg(
            "pg_ctl",
            &[
                "-D",
                &pg.data_str(),
                "-o",
                &opts,
                "-l",
                &log,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )?;
        println!("PostgreSQL started on 127.0.0.1:{}", pg.port);
        Ok(pg)
    }

    fn data_str(&self) -> String {
        self.data.display().to_string()
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Res {
        let program = self.bin.join(tool);
        let mut c = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        c.args(args)
            .current_dir(std::env::temp_dir())
            .stdout(Stdio::null());
        run_cmd(&mut c)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.pg(
            "pg_ctl",
            &["-D", &self.data_str(), "-m", "fast", "-w", "stop"],
        );
    }
}

/// moto's S3-compatible server on loopback, in a virtual environment under
/// the cache folder (installed once from PyPI), stopped on drop. Its IAM
/// checks are on: the three calls that make a user with an S3 policy and
/// its access key are the only ones let through unsigned, so every S3
/// request of the tests must carry a valid Signature Version 4.
pub struct Moto {
    child: Child,
    port: u16,
    access_key: String,
    secret_key: String,
}

/// Makes the S3 user and prints its access key and secret.
const MOTO_USER: &str = r#"
import json, sys
import boto3
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="unused")
iam.create_user(UserName="portal")
iam.put_user_policy(UserName="portal", PolicyName="s3", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="portal")["AccessKey"]
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

impl Moto {
    pub fn start() -> Res<Moto> {
        let venv = cache_dir().join("tools").join("moto");
        ensure_moto(&venv)?;
        let port = free_port()?;
        let child = Command::new(venv.join("bin").join("moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "3")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start moto_server: {e}"))?;
        let mut moto = Moto {
            child,
            port,
            access_key: String::new(),
            secret_key: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("moto_server did not listen within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let out = Command::new(venv.join("bin").join("python"))
            .args(["-c", MOTO_USER, &moto.url()])
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run python: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        match text.split_whitespace().collect::<Vec<_>>().as_slice() {
            [key, secret] if out.status.success() => {
                moto.access_key = (*key).to_owned();
                moto.secret_key = (*secret).to_owned();
            }
            _ => return Err("moto: the S3 user could not be made".into()),
        }
        println!("moto's S3 server started on {}", moto.url());
        Ok(moto)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Points the S3 integration test at this server.
    pub fn env(&self, c: &mut Command) {
        c.env("TEST_S3_ENDPOINT", self.url())
            .env("TEST_S3_ACCESS_KEY", &self.access_key)
            .env("TEST_S3_SECRET_KEY", &self.secret_key);
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// `moto[server]` in a virtual environment at `venv`, unless there already.
fn ensure_moto(venv: &Path) -> Res {
    ensure_venv(venv, "moto[server]", MOTO_VERSION)
}

/// A PyPI package at a pinned version in its own virtual environment at
/// `venv`, unless already there (a stamp file records the version).
fn ensure_venv(venv: &Path, package: &str, version: &str) -> Res {
    let stamp = venv.join(".egov-stamp");
    let wanted = format!("{package}=={version}");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    println!(
        "Installing {wanted} from PyPI (once; it is cached in {})",
        venv.display()
    );
    let mut c = Command::new("python3");
    c.args(["-m", "venv", "--clear"]).arg(venv);
    run(c)?;
    let mut c = Command::new(venv.join("bin").join("pip"));
    c.args(["install", "--quiet", "--disable-pip-version-check", &wanted]);
    run(c)?;
    std::fs::write(&stamp, &wanted).map_err(|e| e.to_string())
}

/// Schemathesis, from PyPI; the path of its command.
pub fn ensure_schemathesis() -> Res<PathBuf> {
    let venv = cache_dir().join("tools").join("schemathesis");
    ensure_venv(&venv, "schemathesis", SCHEMATHESIS_VERSION)?;
    Ok(venv.join("bin").join("schemathesis"))
}

/// Runs a command quietly (no "▶" line): the helpers' own steps.
fn run_cmd(c: &mut Command) -> Res {
    crate::check(c.status(), &crate::shown(c))
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
