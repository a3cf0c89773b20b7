//! End to end in a real browser: `claimgraph serve` on the example bundle, driven through
//! headless Chromium by chromedriver (Debian's `chromium` and `chromium-driver`, which
//! `.ci/run` installs). The test walks the list with the keyboard, dismisses one finding as
//! a false positive with a reason, reloads (the page, then the articles) and sees the
//! decision kept, runs `check --baseline` and sees that finding hidden, and keeps a
//! screenshot under `target/e2e/` (a CI artefact) after checking it is a real, non-blank
//! page.
//!
//! `build.rs` sets the `browser` cfg when Chromium and chromedriver are on `PATH` (or
//! `CHROMIUM` / `CHROMEDRIVER` name them), or when `CLAIMGRAPH_E2E=1` (set by `.ci/run`)
//! demands the test; without it, `cargo test` lists the test as ignored, with the reason.
//! When the test runs and a binary is missing, it fails and says which. The server, the
//! driver and every browser process are killed when the test ends, also when it fails.

mod common;

use common::{EXAMPLE, root, temp_dir};
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process (and its process group, and any process whose command line holds
/// `marker`) killed and reaped when dropped.
struct Guard {
    child: Child,
    marker: Option<String>,
}

impl Guard {
    fn spawn(cmd: &mut Command, marker: Option<String>) -> Guard {
        // Its own process group, so the whole tree goes at once.
        cmd.process_group(0);
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        Guard { child, marker }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let group = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a negative pid signals the process group we created.
        unsafe { libc::kill(-group, libc::SIGKILL) };
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helpers may have left the group: find them by our unique profile.
        if let Some(m) = &self.marker {
            for pid in processes_mentioning(m) {
                // SAFETY: kill(2) on a pid whose command line names our own temp profile.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    }
}

/// Processes whose command line contains `marker` (a unique temp path).
fn processes_mentioning(marker: &str) -> Vec<libc::pid_t> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let e = e.ok()?;
        let pid: libc::pid_t = e.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
        String::from_utf8_lossy(&cmdline)
            .contains(marker)
            .then_some(pid)
    })
    .collect()
}

/// `name` on `PATH`, or the file named by `env` when that is set (if it exists).
fn find(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Start `claimgraph serve` and read the URL it prints.
fn serve(baseline: &Path, log: &Path) -> (Guard, String, usize) {
    let mut cmd = common::cmd();
    cmd.args(["serve", "--no-config", "--baseline"])
        .arg(baseline)
        .arg(EXAMPLE)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap());
    let mut guard = Guard::spawn(&mut cmd, None);
    let mut line = String::new();
    BufReader::new(guard.child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "claimgraph serve: N findings to review at http://127.0.0.1:PORT/ (decisions in ...)"
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| {
            panic!(
                "no URL in serve's output {line:?}; stderr: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            )
        })
        .to_string();
    let n: usize = line
        .strip_prefix("claimgraph serve: ")
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no finding count in {line:?}"));
    (guard, url, n)
}

async fn connect(driver: &Path, browser: &Path, profile: &Path) -> (Guard, Client) {
    let port = free_port();
    let marker = profile.to_string_lossy().into_owned();
    let guard = Guard::spawn(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        Some(marker.clone()),
    );
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": browser,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={marker}"),
            ],
        },
    });
    let caps = caps.as_object().unwrap().clone();
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return (guard, c),
            // The driver takes a moment to listen.
            Err(e) if start.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("no WebDriver session from {}: {e}", driver.display()),
        }
    }
}

async fn text(c: &Client, css: &str) -> String {
    let found = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await;
    match found {
        Ok(e) => e.text().await.unwrap(),
        Err(e) => panic!("no {css} on {}: {e}", path_of(c).await),
    }
}

/// Press one key on the page (not in a field), as a reviewer would.
async fn press(c: &Client, key: &str) {
    c.execute(
        "document.activeElement && document.activeElement.blur();",
        vec![],
    )
    .await
    .unwrap();
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(key)
        .await
        .unwrap();
}

async fn path_of(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// Wait until the page's path is no longer `from` (a navigation happened) and the new
/// page is parsed to its end (the footer, the body's last element).
async fn left(c: &Client, from: &str) -> String {
    let start = Instant::now();
    loop {
        let p = path_of(c).await;
        if p != from {
            text(c, "footer").await;
            return p;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still on {from}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The screenshot is a PNG of the window's size with real content: many colours, and
/// no single colour covering nearly all of it.
fn check_screenshot(png_bytes: &[u8]) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a PNG's size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    let (w, h) = (info.width, info.height);
    assert!(w >= 800 && h >= 600, "screenshot is {w}x{h}");
    let px = info.color_type.samples();
    let mut counts: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    for p in buf[..info.buffer_size()].chunks_exact(px) {
        *counts.entry(&p[..3.min(px)]).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    let total = (w * h) as usize;
    assert!(counts.len() >= 16, "only {} colours: blank?", counts.len());
    assert!(
        most * 100 < total * 97,
        "one colour covers {most} of {total} pixels: blank?"
    );
    (w, h, counts.len())
}

fn tools() -> (Option<PathBuf>, Option<PathBuf>) {
    (
        find("CHROMEDRIVER", &["chromedriver"]),
        find(
            "CHROMIUM",
            &["chromium", "chromium-browser", "google-chrome"],
        ),
    )
}

#[test]
fn browser_cfg_matches_the_machine() {
    let installed = matches!(tools(), (Some(_), Some(_)));
    assert!(
        cfg!(browser) || !installed,
        "Chromium and chromedriver were installed after the build script ran, so the \
         browser test is ignored: `touch build.rs` and run the tests again"
    );
}

#[tokio::test]
#[cfg_attr(
    not(browser),
    ignore = "chromium and chromedriver are not installed (apt-get install chromium \
              chromium-driver, as .ci/run does; CLAIMGRAPH_E2E=1 requires them)"
)]
async fn review_in_a_real_browser() {
    let (Some(driver), Some(browser)) = tools() else {
        panic!(
            "chromium or chromedriver is not on PATH, and the test was asked for \
             (CLAIMGRAPH_E2E=1, or they were there when build.rs ran): apt-get install \
             chromium chromium-driver, or set CHROMIUM and CHROMEDRIVER"
        );
    };
    let dir = temp_dir("browser");
    let baseline = dir.join("decisions.json");
    let (_server, url, total) = serve(&baseline, &dir.join("serve.log"));
    assert!(total >= 3, "the example has findings: {total}");
    let (_driver, c) = connect(&driver, &browser, &dir.join("profile")).await;

    // The list: every finding, all new.
    c.goto(&url).await.unwrap();
    let rows = c.find_all(Locator::Css("tr.finding")).await.unwrap();
    assert_eq!(rows.len(), total);
    assert!(
        text(&c, "h1")
            .await
            .contains(&format!("{total} of {total}"))
    );

    // Keyboard: j j k selects the first row, Enter opens it, j goes to the next finding,
    // k back, u to the list.
    for k in ["j", "j", "k"] {
        press(&c, k).await;
    }
    press(&c, "\u{e007}").await; // Enter
    let first = left(&c, "/").await;
    assert!(first.starts_with("/finding/"), "{first}");
    assert!(text(&c, "p.pager span").await.starts_with("1 of "));
    press(&c, "j").await;
    let second = left(&c, &first).await;
    assert!(second.starts_with("/finding/"), "{second}");
    assert!(text(&c, "p.pager span").await.starts_with("2 of "));
    press(&c, "k").await;
    assert_eq!(left(&c, &second).await, first);

    // The evidence is side by side, each article with its span highlighted.
    let marks = c.find_all(Locator::Css("pre.article mark")).await.unwrap();
    assert!(marks.len() >= 2, "{} highlighted spans", marks.len());
    for m in &marks {
        assert!(!m.text().await.unwrap().trim().is_empty());
    }

    // Dismiss it as a false positive, with a reason.
    let fingerprint = first.trim_start_matches("/finding/").to_string();
    let reason = "Two calls: the ministers spoke on both days";
    c.find(Locator::Id("reason-input"))
        .await
        .unwrap()
        .send_keys(reason)
        .await
        .unwrap();
    c.find(Locator::Id("reviewer-input"))
        .await
        .unwrap()
        .send_keys("Okafor")
        .await
        .unwrap();
    c.find(Locator::Id("kind-false-positive"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The click returns before the post and its redirect are done: wait for the decision,
    // which only the new page has.
    assert_eq!(text(&c, "#reason").await, reason);
    assert_eq!(text(&c, "#state").await, "false positive");

    // Kept after reloading the page, and after reloading the articles.
    c.refresh().await.unwrap();
    assert_eq!(text(&c, "#state").await, "false positive");
    c.find(Locator::Id("reload"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(left(&c, &first).await, "/");
    c.goto(&format!("{url}finding/{fingerprint}"))
        .await
        .unwrap();
    assert_eq!(text(&c, "#state").await, "false positive");
    assert!(text(&c, "#decision").await.contains("by Okafor"));

    // The list filters by review state.
    c.goto(&format!("{url}?state=false-positive"))
        .await
        .unwrap();
    assert_eq!(
        c.find_all(Locator::Css("tr.finding")).await.unwrap().len(),
        1
    );
    c.goto(&format!("{url}?state=new")).await.unwrap();
    assert_eq!(
        c.find_all(Locator::Css("tr.finding")).await.unwrap().len(),
        total - 1
    );

    // The screenshot: the decided finding, kept for CI.
    c.goto(&format!("{url}finding/{fingerprint}"))
        .await
        .unwrap();
    let shot = c.screenshot().await.unwrap();
    let (w, h, colours) = check_screenshot(&shot);
    let out = root().join("target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("serve-finding.png"), &shot).unwrap();
    eprintln!(
        "screenshot: target/e2e/serve-finding.png, {w}x{h}, {} bytes, {colours} colours",
        shot.len()
    );

    // The keyboard decides too: on the second finding, a reason and a name, then `c`
    // (confirm). A confirmed finding stays reported by `check --baseline`.
    c.goto(&format!("{url}{}", second.trim_start_matches('/')))
        .await
        .unwrap();
    c.find(Locator::Id("reason-input"))
        .await
        .unwrap()
        .send_keys("Checked with the desk: the later day is wrong")
        .await
        .unwrap();
    c.find(Locator::Id("reviewer-input"))
        .await
        .unwrap()
        .send_keys("Okafor")
        .await
        .unwrap();
    press(&c, "c").await;
    assert_eq!(
        text(&c, "#reason").await,
        "Checked with the desk: the later day is wrong"
    );
    assert_eq!(text(&c, "#state").await, "confirmed");
    let _ = c.close().await;

    // `check --baseline` hides the dismissed finding, and only it: the confirmed one stays.
    let run = common::run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--baseline",
        baseline.to_str().unwrap(),
        EXAMPLE,
    ]);
    assert_eq!(run.code, 1, "{}", run.describe());
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let shown: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(shown.len(), total - 1);
    assert!(!shown.contains(&fingerprint.as_str()));
    assert!(shown.contains(&second.trim_start_matches("/finding/")));
    assert_eq!(v["baseline"]["hidden"], 1, "{}", v["baseline"]);
}
