//! The splitter's loader script with its per-file fetchers folded into
//! calls of one function.

use crate::base::Res;

/// The splitter's fetcher, which its loader writes out once per file (some
/// 200 of them, in the first download): `(FETCH_HEAD "./x.wasm" FETCH_TAIL)`.
const FETCH_HEAD: &str = "() => {\n    const src = fetch(new URL(";
const FETCH_TAIL: &str = ", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n";

/// The loader `js` with every copy of the fetcher replaced by a call of one
/// function that does the same. An error if there was none: the splitter
/// then writes its loader differently and this needs a look.
pub fn one_fetcher(js: &str) -> Res<String> {
    let mut out = String::with_capacity(js.len());
    let (mut rest, mut copies) = (js, 0);
    while let Some(start) = rest.find(FETCH_HEAD) {
        let after = &rest[start + FETCH_HEAD.len()..];
        let end = after
            .find(FETCH_TAIL)
            .ok_or("the wasm-split loader has a fetcher of an unknown shape")?;
        let path = &after[..end];
        if !(path.starts_with('"') && path.ends_with('"') && !path[1..path.len() - 1].contains('"'))
        {
            return Err(format!(
                "the wasm-split loader fetches {path}, not a string literal"
            ));
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!("__wasm_split_fetcher({path})"));
        rest = &after[end + FETCH_TAIL.len()..];
        copies += 1;
    }
    if copies == 0 {
        return Err("the wasm-split loader has no fetcher of the known shape".into());
    }
    out.push_str(rest);
    // A declaration: hoisted, so the loaders above may call it.
    out.push_str(&format!(
        "function __wasm_split_fetcher(path) {{\n    return {}path{}}}\n",
        FETCH_HEAD, FETCH_TAIL
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{FETCH_HEAD, FETCH_TAIL, one_fetcher};

    #[test]
    fn the_loaders_fetchers_become_calls_of_one() {
        let fetcher = |file: &str| format!("{FETCH_HEAD}\"./{file}.wasm\"{FETCH_TAIL}");
        let js = format!(
            "const __chunk_1 = makeLoad({}, []);\nexport const load_a = wrapAsyncCb(makeLoad({}, [__chunk_1]));\n",
            fetcher("chunk_1"),
            fetcher("split_a")
        );
        let out = one_fetcher(&js).expect("known shape");
        assert!(out.starts_with(
            "const __chunk_1 = makeLoad(__wasm_split_fetcher(\"./chunk_1.wasm\"), []);\n\
             export const load_a = wrapAsyncCb(makeLoad(__wasm_split_fetcher(\"./split_a.wasm\"), [__chunk_1]));\n\
             function __wasm_split_fetcher(path) {\n    return () => {\n    const src = fetch(new URL(path, import.meta.url));"
        ), "{out}");
        assert_eq!(out.matches("fetch(new URL(").count(), 1);
        assert!(one_fetcher("const nothing = 1;").is_err());
        let odd = format!("{FETCH_HEAD}someVariable{FETCH_TAIL}");
        assert!(one_fetcher(&odd).is_err());
    }
}
