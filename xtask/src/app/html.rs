//! `index.html` after Trunk: its start script pointed at the split app
//! in `dist/pkg/`, without its comments.

use std::path::Path;

use crate::base::Res;

/// Where the split app lands inside `dist/`.
pub const PKG_DIR: &str = "pkg";

/// The name Trunk gave the app's files (`frontend-<hash>`), from `dist/`.
pub fn trunk_app_stem(dist: &Path) -> Res<String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix("_bg.wasm")
                .filter(|stem| stem.starts_with("frontend-"))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("Trunk wrote no frontend-*_bg.wasm into {}", dist.display()))
}

/// Removes Trunk's unsplit copy of the app and makes `index.html` start
/// (and preload) the split one.
pub fn point_index_at_pkg(dist: &Path, stem: &str) -> Res {
    for file in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
        let path = dist.join(&file);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let from = format!("/{stem}");
    if !html.contains(&from) {
        return Err(format!("{} does not load {from}.js", index.display()));
    }
    let to = format!("/{PKG_DIR}/frontend");
    std::fs::write(&index, without_comments(&html.replace(&from, &to)))
        .map_err(|e| format!("{}: {e}", index.display()))
}

/// `html` without its comments (the notes for us in `frontend/index.html`
/// are not for every visitor to download) and without the blank lines
/// they and Trunk's removed tags leave.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_and_the_blank_lines_they_leave_go() {
        let html = "<head>\n  <!-- a note\n  on two lines -->\n  \n<script>a <!b</script><!-- x --></head>\n<!-- cut";
        assert_eq!(
            without_comments(html),
            "<head>\n<script>a <!b</script></head>\n"
        );
    }
}
