//! The project's task runner.
//!
//! - `cargo xtask serve`: install what is missing, build the app and the
//!   server, run the portal on SQLite with demo data.
//! - `cargo xtask test`: install what is missing, run every check and test.
//! - `cargo xtask bench`: the measurements: the app's download size, ЭЦП
//!   verification time, the API under load.
//! - `cargo xtask codegen`: regenerate the SeaORM entities from the migrations.

mod app;
mod tidy;
mod tools;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use tools::Tools;

/// The first download of the app must stay under this (gzip).
const SIZE_BUDGET: u64 = 200 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("codegen") => codegen(),
        Some("crash") => crash(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("soak") => soak(&args[1..]),
        Some("schemathesis") => schemathesis(&args[1..]),
        Some("tidy") => tidy::run(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 serve [--port N] [--data-dir DIR]   build and run the portal (SQLite, demo data)\n\
                 test [--skip-e2e] [--skip-pg] [--skip-s3]\n\
                                                     every check and test, as CI runs them\n\
                 bench [--skip-pg] [--size-only]      measurements: download size, ЭЦП verification, API under load (SQLite, PostgreSQL)\n\
                 fuzz [--seconds N] [target …]        run each fuzz target N seconds (180)\n\
                 soak [--minutes N] [--rate R]        steady load for N minutes (30): memory and descriptors must not grow\n\
                 crash [--rounds N] [--skip-pg]       kill the portal under load N times (100), check nothing answered is lost\n\
                 schemathesis [--examples N] [--skip-pg]\n\
                                                     the API against its OpenAPI description, N examples per operation (100)\n\
                 codegen                              regenerate SeaORM entities from the migrations\n\
                 tidy                                 import loops and crowded folders (also a test of `cargo test -p xtask`)"
            );
            Err("unknown command".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

type Res<T = ()> = Result<T, String>;

/// The repository root (the parent of `xtask/`).
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where build output and installed tools are cached, outside the clone.
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("EGOV_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("egov-portal")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| cache_dir().join("target"))
}

fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn has_flag(args: &[String], name: &str) -> bool {
    args.iter().any(|a| a == name)
}

/// A command in the repository root with the shared target dir and the tools on PATH.
fn cmd(tools: &Tools, program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args)
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir())
        .env("PATH", tools.path_env());
    c
}

/// The command as a person would type it, without the environment.
fn shown(c: &Command) -> String {
    std::iter::once(c.get_program())
        .chain(c.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn run(mut c: Command) -> Res {
    let shown = shown(&c);
    println!("\n▶ {shown}");
    check(c.status(), &shown)
}

/// Turns a finished command into a result that names it.
fn check(status: std::io::Result<std::process::ExitStatus>, shown: &str) -> Res {
    let status = status.map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs a command, echoing its output, and counts the tests it reports.
fn run_counting(mut c: Command, counts: &mut Counts) -> Res {
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
struct Counts {
    passed: u64,
    failed: u64,
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

fn free_port() -> Res<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn build_server(tools: &Tools) -> Res {
    run(cmd(
        tools,
        "cargo",
        &["build", "--locked", "--release", "-p", "backend"],
    ))
}

/// The test build: the workspace's tests in the release profile, so the
/// server binary they start (`CARGO_BIN_EXE_portal`) is the one the
/// browser tests and schemathesis run too, and the dependencies are
/// compiled once for all of them (a debug test build beside a release
/// server build compiled them twice: 5 min on two cores). `--workspace`
/// everywhere: the same packages give the same features, hence the same
/// build (`-p backend` would rebuild ~160 crates).
fn cargo_test(tools: &Tools, extra: &[&str]) -> Command {
    let mut args = vec!["test", "--locked", "--release", "--workspace"];
    args.extend_from_slice(extra);
    cmd(tools, "cargo", &args)
}

fn server_binary() -> PathBuf {
    target_dir().join("release").join("portal")
}

fn serve(args: &[String]) -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    app::build(&tools)?;
    size_report()?;
    build_server(&tools)?;
    let port = flag_value(args, "--port")
        .or_else(|| std::env::var("PORTAL_PORT").ok())
        .unwrap_or_else(|| "8080".into());
    let data = flag_value(args, "--data-dir")
        .or_else(|| std::env::var("PORTAL_DATA_DIR").ok())
        .unwrap_or_else(|| root().join("data").display().to_string());
    let mut c = Command::new(server_binary());
    c.current_dir(root())
        .args(["--port", &port, "--data-dir", &data, "--demo"])
        .arg("--public-url")
        .arg(
            std::env::var("PORTAL_PUBLIC_URL")
                .unwrap_or_else(|_| format!("http://127.0.0.1:{port}")),
        )
        .arg("--dist")
        .arg(root().join("dist"))
        .arg("--catalog")
        .arg(root().join("backend/data/catalog"));
    println!(
        "\nThe portal: http://127.0.0.1:{port}/  (Ctrl-C stops it; demo accounts in README.md)"
    );
    // Ctrl-C reaches the server too (same process group); it stops cleanly.
    run(c)
}

/// A portal process started for browser tests, stopped on drop.
struct Portal {
    child: Child,
    url: String,
    data: TempDir,
}

impl Portal {
    /// The release portal on demo data, for the browser tests.
    fn start() -> Res<Portal> {
        Portal::start_with("portal-e2e", &[], None)
    }

    /// The release portal on demo data in a fresh folder, with `extra`
    /// arguments; its log to `log` when given, else to the console.
    fn start_with(prefix: &str, extra: &[&str], log: Option<&Path>) -> Res<Portal> {
        let port = free_port()?;
        let data = TempDir::new(prefix)?;
        let mut c = Command::new(server_binary());
        if let Some(path) = log {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            let copy = file
                .try_clone()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            c.stdout(file).stderr(copy);
        }
        let child = c
            .current_dir(root())
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--demo"])
            .args(["--public-url", &format!("http://127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(&data.0)
            .arg("--dist")
            .arg(root().join("dist"))
            .arg("--catalog")
            .arg(root().join("backend/data/catalog"))
            .args(extra)
            .env("RUST_LOG", "warn")
            .spawn()
            .map_err(|e| format!("cannot start the portal: {e}"))?;
        let url = format!("http://127.0.0.1:{port}");
        let portal = Portal { child, url, data };
        portal.wait_healthy()?;
        Ok(portal)
    }

    fn wait_healthy(&self) -> Res {
        let deadline = Instant::now() + Duration::from_secs(60);
        let addr = self.url.trim_start_matches("http://").to_owned();
        while Instant::now() < deadline {
            if http_get_ok(&addr, "/api/health") {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err("the portal did not become healthy within 60 s".into())
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        tools::terminate(&mut self.child);
    }
}

/// A minimal HTTP/1.1 GET, enough for a health check without a client crate.
fn http_get_ok(addr: &str, path: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .is_err()
    {
        return false;
    }
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf.starts_with("HTTP/1.1 200")
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> Res<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn test(args: &[String]) -> Res {
    let started = Instant::now();
    let skip_e2e = has_flag(args, "--skip-e2e");
    let skip_pg = has_flag(args, "--skip-pg");
    let skip_s3 = has_flag(args, "--skip-s3");
    let tools = Tools::ensure(tools::Need {
        browser: !skip_e2e,
        openssl: true,
        postgres: !skip_pg,
    })?;
    let mut counts = Counts::default();
    let mut steps: Vec<(&str, Res)> =
        vec![("fetch", run(cmd(&tools, "cargo", &["fetch", "--locked"])))];
    steps.push((
        "fmt",
        run(cmd(&tools, "cargo", &["fmt", "--all", "--", "--check"])),
    ));
    steps.push((
        "clippy",
        run(cmd(
            &tools,
            "cargo",
            &[
                "clippy",
                "--locked",
                // The test build's profile: the proc macros and build
                // scripts compiled here are the ones it uses.
                "--release",
                "--workspace",
                "--all-targets",
                // Commands, not tests (`test = false`), so not in `--all-targets`.
                "--test",
                "crash",
                "--test",
                "soak",
                "--",
                "-D",
                "warnings",
            ],
        )),
    ));
    steps.push((
        "clippy (wasm)",
        run(cmd(
            &tools,
            "cargo",
            &[
                "clippy",
                "--locked",
                "-p",
                "frontend",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        )),
    ));
    // The S3 store's integration test runs against moto when it starts.
    let moto = (!skip_s3).then(tools::Moto::start);
    let mut tests = cargo_test(&tools, &[]);
    if let Some(Ok(moto)) = &moto {
        moto.env(&mut tests);
    }
    steps.push(("tests (SQLite)", run_counting(tests, &mut counts)));
    if let Some(started) = moto {
        steps.push(("S3 server (moto)", started.map(drop)));
    }
    let mut pg_url = None;
    let pg = if skip_pg {
        None
    } else {
        Some(tools::Postgres::start(&tools))
    };
    if let Some(pg) = &pg {
        let r = pg.as_ref().map_err(Clone::clone).and_then(|pg| {
            pg_url = Some(pg.url());
            let mut c = cargo_test(&tools, &["--test", "api"]);
            c.env("TEST_DATABASE_URL", pg.url());
            run_counting(c, &mut counts)
        });
        steps.push(("tests (PostgreSQL)", r));
    }
    // A short crash test: the portal killed under load a few times.
    steps.push((
        "crash test (SQLite)",
        run(crash_test(&tools, CI_CRASH_ROUNDS, None)),
    ));
    if let Some(url) = &pg_url {
        steps.push((
            "crash test (PostgreSQL)",
            run(crash_test(&tools, CI_CRASH_ROUNDS, Some(url))),
        ));
    }
    drop(pg);
    // The server binary of the test build (a no-op when the tests ran):
    // `build_server` would compile ~160 crates again with the features of
    // `-p backend` alone.
    let built = app::build(&tools).and_then(|()| run(cargo_test(&tools, &["--no-run"])));
    let build_ok = built.is_ok();
    steps.push(("release build", built));
    if build_ok {
        steps.push(("app size", size_report().map(|_| ())));
        if !skip_e2e {
            let r = Portal::start().and_then(|portal| {
                let mut c = cmd(&tools, "npx", &["playwright", "test"]);
                c.current_dir(root().join("e2e"))
                    .env("PORTAL_URL", &portal.url)
                    .env("PORTAL_PUBLIC_URL", &portal.url)
                    .env("PORTAL_DATA_DIR", &portal.data.0)
                    .env("PORTAL_BIN", server_binary())
                    .env("CI", "1");
                run_counting(c, &mut counts)
            });
            steps.push(("browser tests", r));
        }
        steps.push((
            "schemathesis (SQLite)",
            schemathesis_run(CI_SCHEMATHESIS_EXAMPLES, None),
        ));
    }

    println!("\n── summary ({} s) ──", started.elapsed().as_secs());
    let mut failed_steps = 0;
    for (name, r) in &steps {
        match r {
            Ok(()) => println!("  ok      {name}"),
            Err(e) => {
                failed_steps += 1;
                println!("  FAILED  {name}: {e}");
            }
        }
    }
    println!(
        "tests: {} passed, {} failed",
        counts.passed,
        counts.failed + failed_steps
    );
    if failed_steps == 0 && counts.failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed_steps} step(s) failed"))
    }
}

/// The gzip size of what a first visit downloads: `index.html`, the style
/// sheet, the app's main module with its JavaScript, and the first part of
/// one language's texts (the largest is counted). The pages split off the
/// main module, the texts' pages part and the ЭЦП signing worker are listed
/// as on demand. Writes each file's
/// `.gz` beside it (Zopfli, the smallest standard gzip), which the server
/// sends as it is.
fn size_report() -> Res<u64> {
    let dist = root().join("dist");
    let mut files = Vec::new();
    let page_texts = dist.join("locales").join("pages");
    for dir in [
        dist.clone(),
        dist.join(app::PKG_DIR),
        dist.join("locales"),
        page_texts.clone(),
    ] {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("no {} ({e}): build the app first", dir.display()))?;
        files.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| ["wasm", "js", "css", "html", "json"].contains(&e))
                }),
        );
    }
    files.sort();
    let sizes = precompress(&files)?;
    let (mut total, mut signer, mut pages, mut page_files) = (0u64, 0u64, 0u64, 0usize);
    let (mut texts, mut later_texts) = (0u64, 0u64);
    println!("\nFirst download of the app (gzip):");
    for (p, (raw, n)) in files.iter().zip(sizes) {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let name = p.strip_prefix(&dist).unwrap_or(p).display().to_string();
        let file = p.file_name().and_then(|f| f.to_str()).unwrap_or("?");
        if file.starts_with("signer-worker") {
            // Fetched only when the user signs.
            signer += n;
        } else if p.starts_with(&page_texts) {
            // The pages' texts, fetched when a page other than the catalog opens.
            later_texts = later_texts.max(n);
            continue;
        } else if ext == "json" {
            // One language's texts per visit: the largest table counts.
            texts = texts.max(n);
        } else if file.starts_with("split_") || file.starts_with("chunk_") {
            // A page (or code pages share), fetched when its route opens.
            pages += n;
            page_files += 1;
            continue;
        } else {
            total += n;
        }
        println!(
            "  {raw:>9} B  {n:>9} B gzip  {name}{}",
            if file.starts_with("signer-worker") {
                "  (on demand)"
            } else if ext == "json" {
                "  (one language per visit; its first part)"
            } else {
                ""
            }
        );
    }
    total += texts;
    println!(
        "  pages split off the main module, each loaded when its route opens: \
         {page_files} files, {:.1} KB gzip together",
        pages as f64 / 1024.0
    );
    println!(
        "  the texts' pages part, loaded with the first page after the catalog: \
         {:.1} KB gzip (the largest language)",
        later_texts as f64 / 1024.0
    );
    println!(
        "  signing module, loaded when the user signs: {:.1} KB gzip",
        signer as f64 / 1024.0
    );
    println!(
        "  total {:.1} KB gzip (budget {} KB)",
        total as f64 / 1024.0,
        SIZE_BUDGET / 1024
    );
    if total > SIZE_BUDGET {
        println!("  over the budget: `cargo xtask bench` fails on this");
    }
    Ok(total)
}

/// Writes `<file>.gz` beside each file, on both cores; gives each file's
/// size and its compressed size.
fn precompress(files: &[PathBuf]) -> Res<Vec<(u64, u64)>> {
    let one = |p: &PathBuf| -> Res<(u64, u64)> {
        let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut gz = Vec::new();
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            bytes.as_slice(),
            &mut gz,
        )
        .map_err(|e| format!("{}: {e}", p.display()))?;
        let mut name = p.as_os_str().to_owned();
        name.push(".gz");
        std::fs::write(PathBuf::from(name), &gz).map_err(|e| format!("{}: {e}", p.display()))?;
        Ok((bytes.len() as u64, gz.len() as u64))
    };
    let half = files.len().div_ceil(2).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(half)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Res<Vec<_>>>()))
            .collect();
        let mut sizes = Vec::with_capacity(files.len());
        for worker in workers {
            sizes.extend(
                worker
                    .join()
                    .map_err(|_| "a compression thread panicked")??,
            );
        }
        Ok(sizes)
    })
}

fn over_budget(total: u64) -> Res {
    if total > SIZE_BUDGET {
        return Err(format!(
            "the first download is {total} B gzip, over the {SIZE_BUDGET} B budget"
        ));
    }
    Ok(())
}

fn bench(args: &[String]) -> Res {
    let size_only = has_flag(args, "--size-only");
    let skip_pg = has_flag(args, "--skip-pg") || size_only;
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: !skip_pg,
    })?;
    app::build(&tools)?;
    let size = size_report()?;
    if size_only {
        return over_budget(size);
    }
    println!();
    run(cmd(
        &tools,
        "cargo",
        &["bench", "--locked", "-p", "backend", "--bench", "verify"],
    ))?;
    // The API under load: on SQLite, then on a throwaway PostgreSQL server;
    // each run's table also goes to a JSON file.
    let out = cache_dir().join("bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!();
    let mut load = cmd(
        &tools,
        "cargo",
        &["bench", "--locked", "-p", "backend", "--bench", "load"],
    );
    load.env("LOAD_JSON", out.join("load-sqlite.json"));
    run(load)?;
    if !skip_pg {
        let pg = tools::Postgres::start(&tools)?;
        println!();
        let mut load = cmd(
            &tools,
            "cargo",
            &["bench", "--locked", "-p", "backend", "--bench", "load"],
        );
        load.env("LOAD_JSON", out.join("load-postgresql.json"))
            .env("LOAD_DATABASE_URL", pg.url());
        run(load)?;
    }
    over_budget(size)
}

/// The fuzz targets of `backend/fuzz`, and the kinds of interop file that
/// seed each one's corpus.
const FUZZ_TARGETS: [(&str, &[&str]); 6] = [
    ("ids", &[]),
    ("canonical", &["json"]),
    ("certificate", &["pem", "cer"]),
    ("crl", &["crl"]),
    ("cms", &["p7s", "bin"]),
    ("keystore", &["p12"]),
];

/// The longest one fuzz input may take before libFuzzer calls it a hang.
const FUZZ_INPUT_TIMEOUT_S: u32 = 10;

/// `cargo xtask fuzz [--seconds N] [target …]`: each target for N seconds
/// (180) with cargo-fuzz on the stable toolchain (`--sanitizer none`: a
/// panic is a finding). Corpora live in the cache, seeded from the national
/// center's interop files and a few hand-made inputs.
fn fuzz(args: &[String]) -> Res {
    let mut seconds: u64 = 180;
    let mut chosen: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seconds" {
            seconds = it
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or("--seconds takes a number")?;
        } else if let Some((name, _)) = FUZZ_TARGETS.iter().find(|(n, _)| n == a) {
            chosen.push(name);
        } else {
            return Err(format!("unknown fuzz target {a}"));
        }
    }
    if chosen.is_empty() {
        chosen = FUZZ_TARGETS.iter().map(|(n, _)| *n).collect();
    }
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    tools::ensure_cargo_tool(&tools, "cargo-fuzz", "0.13.1", &["--locked"])?;
    let corpus_root = cache_dir().join("fuzz-corpus");
    let interop = root().join("backend/tests/fixtures/nca-test-pki");
    let mut results = Vec::new();
    for name in chosen {
        let corpus = corpus_root.join(name);
        seed_corpus(&corpus, name, &interop)?;
        let mut c = cmd(
            &tools,
            "cargo",
            &[
                "fuzz",
                "run",
                "--fuzz-dir",
                "backend/fuzz",
                "--sanitizer",
                "none",
                name,
            ],
        );
        c.arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            // One input that takes longer than this is a finding (a loop on
            // hostile input is a denial of service), kept as `timeout-*`.
            .arg(format!("-timeout={FUZZ_INPUT_TIMEOUT_S}"))
            .arg("-rss_limit_mb=2048")
            .arg(format!(
                "-artifact_prefix={}/",
                cache_dir().join("fuzz-artifacts").join(name).display()
            ))
            .env("CARGO_TARGET_DIR", cache_dir().join("fuzz-target"));
        std::fs::create_dir_all(cache_dir().join("fuzz-artifacts").join(name))
            .map_err(|e| format!("fuzz artifacts: {e}"))?;
        let r = run(c);
        results.push((name, r));
    }
    println!();
    let mut failed = 0;
    for (name, r) in &results {
        match r {
            Ok(()) => println!(
                "  ok      {name}: {seconds} s, no panic, no input over {FUZZ_INPUT_TIMEOUT_S} s"
            ),
            Err(e) => {
                failed += 1;
                println!("  FAILED  {name}: {e}");
            }
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} fuzz target(s) found a panic, a hang or a memory blow-up; inputs in {}",
            cache_dir().join("fuzz-artifacts").display()
        ));
    }
    Ok(())
}

/// Puts the seeds of `target` into `corpus` (kept between runs).
fn seed_corpus(corpus: &Path, target: &str, interop: &Path) -> Res {
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let hand_made: &[&str] = match target {
        "ids" => &[
            "900101300007",
            "050440000002",
            "000101500000",
            "9001013000071",
            "99",
        ],
        "canonical" => &[
            r#"{"b":[1,true,null],"a":"\u00e9\n","c":{"z":-0,"é":1e2}}"#,
            r#"[9007199254740991,-9007199254740991,"\ud83d\ude00"]"#,
        ],
        _ => &[],
    };
    for (i, text) in hand_made.iter().enumerate() {
        let path = corpus.join(format!("seed-{i}"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let Some((_, kinds)) = FUZZ_TARGETS.iter().find(|(n, _)| *n == target) else {
        return Ok(());
    };
    // Inputs that once failed, kept in `backend/fuzz/regressions/<target>/`.
    if let Ok(entries) = std::fs::read_dir(root().join("backend/fuzz/regressions").join(target)) {
        for path in entries.flatten().map(|e| e.path()) {
            if let Some(file) = path.file_name() {
                let _ = std::fs::copy(&path, corpus.join(file));
            }
        }
    }
    let mut stack = vec![interop.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| kinds.contains(&e))
                && let Some(file) = path.file_name()
            {
                let _ = std::fs::copy(&path, corpus.join(file));
            }
        }
    }
    Ok(())
}

/// `cargo xtask soak [--minutes N] [--rate R]`: the release portal under a
/// steady mixed load (`backend/tests/soak.rs`), its memory and descriptors
/// sampled each minute.
fn soak(args: &[String]) -> Res {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    let mut c = cargo_test(&tools, &["--test", "soak"]);
    if let Some(m) = value("--minutes") {
        c.env("SOAK_MINUTES", m);
    }
    if let Some(r) = value("--rate") {
        c.env("SOAK_RATE", r);
    }
    run(c)
}

/// Examples per operation of schemathesis in `cargo xtask test`.
const CI_SCHEMATHESIS_EXAMPLES: u32 = 25;

/// Schemathesis against the release portal's `/api/openapi.json`, with
/// `backend/tests/schemathesis/schemathesis.toml` (every check, the demo
/// accounts as identities), `examples` per operation, on a fresh SQLite
/// database or on the (throwaway) PostgreSQL database at `pg`.
fn schemathesis_run(examples: u32, pg: Option<&str>) -> Res {
    let st = tools::ensure_schemathesis()?;
    let mut extra = vec![
        // Every call comes from one loopback address and the fuzzer tries
        // logins by the thousand: the login throttle (tested on its own in
        // the integration tests) would lock out the run's own identities.
        "--login-failures-per-account",
        "1000000",
        "--login-failures-per-address",
        "1000000",
    ];
    if let Some(url) = pg {
        extra.extend(["--database-url", url]);
    }
    let logs = cache_dir().join("schemathesis");
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let log = logs.join(if pg.is_some() {
        "portal-postgresql.log"
    } else {
        "portal-sqlite.log"
    });
    println!("schemathesis: the portal's log goes to {}", log.display());
    let portal = Portal::start_with("portal-schemathesis", &extra, Some(&log))?;
    let dir = root().join("backend/tests/schemathesis");
    let work = TempDir::new("schemathesis")?;
    let mut c = Command::new(st);
    c.current_dir(&work.0)
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/api/openapi.json", portal.url))
        .args(["--url", &format!("{}/api", portal.url)])
        .args(["--checks", "all", "--max-examples", &examples.to_string()])
        .args(["--max-failures", "100", "--no-color"])
        .env("SCHEMATHESIS_USERS", dir.join("users.json"));
    run(c)
}

/// `cargo xtask schemathesis [--examples N] [--skip-pg]`: the full run,
/// 100 examples per operation, on SQLite then PostgreSQL.
fn schemathesis(args: &[String]) -> Res {
    let skip_pg = has_flag(args, "--skip-pg");
    let examples = match flag_value(args, "--examples") {
        Some(v) => v
            .parse()
            .map_err(|_| format!("--examples {v}: not a number"))?,
        None => 100,
    };
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: !skip_pg,
    })?;
    app::build(&tools)?;
    build_server(&tools)?;
    schemathesis_run(examples, None)?;
    if !skip_pg {
        let pg = tools::Postgres::start(&tools)?;
        schemathesis_run(examples, Some(&pg.url()))?;
    }
    Ok(())
}

/// Kill rounds of the crash test in `cargo xtask test`.
const CI_CRASH_ROUNDS: u32 = 5;

/// The crash test (`backend/tests/crash.rs`) for `rounds` kills, on SQLite or
/// on the PostgreSQL server at `pg`.
fn crash_test(tools: &Tools, rounds: u32, pg: Option<&str>) -> Command {
    let mut c = cargo_test(tools, &["--test", "crash"]);
    c.env("CRASH_ROUNDS", rounds.to_string());
    if let Some(url) = pg {
        c.env("CRASH_DATABASE_URL", url);
    }
    c
}

/// `cargo xtask crash`: the full crash test, SQLite then PostgreSQL.
fn crash(args: &[String]) -> Res {
    let skip_pg = has_flag(args, "--skip-pg");
    let rounds = match args.iter().position(|a| a == "--rounds") {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or("--rounds takes a number")?,
        None => 100,
    };
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: !skip_pg,
    })?;
    run(crash_test(&tools, rounds, None))?;
    if !skip_pg {
        let pg = tools::Postgres::start(&tools)?;
        run(crash_test(&tools, rounds, Some(&pg.url())))?;
    }
    Ok(())
}

/// Regenerates `backend/src/db/entities` from a fresh SQLite schema made by the migrations.
fn codegen() -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    tools::ensure_cargo_tool(
        &tools,
        "sea-orm-cli",
        "1.1.20",
        &[
            "--locked",
            "--no-default-features",
            "--features",
            "codegen,sqlx-sqlite,runtime-tokio-rustls",
        ],
    )?;
    let dir = TempDir::new("egov-codegen")?;
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("schema.db").display());
    run(cmd(
        &tools,
        "cargo",
        &[
            "run",
            "--locked",
            "-q",
            "-p",
            "migration",
            "--",
            "-u",
            &url,
            "up",
        ],
    ))?;
    let out = root().join("backend/src/db/entities");
    let _ = std::fs::remove_dir_all(&out);
    run(cmd(
        &tools,
        "sea-orm-cli",
        &[
            "generate",
            "entity",
            "-u",
            &url,
            "-o",
            "backend/src/db/entities",
            "--ignore-tables",
            "seaql_migrations",
            "--with-serde",
            "none",
        ],
    ))?;
    run(cmd(&tools, "cargo", &["fmt", "-p", "backend"]))
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
