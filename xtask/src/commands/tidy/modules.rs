//! The module tree of one crate, read from its root file as rustc finds
//! the modules: which file holds each module (an inline `mod x {}` lives
//! in its parent's file). `#[cfg]` is not evaluated: every declared module
//! is read, so test and platform modules count too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::base::Res;

/// One module: a file's top module or an inline `mod x {}`.
#[derive(Debug)]
pub struct Module {
    pub parent: Option<usize>,
    /// The file the module's items are written in.
    pub file: usize,
    pub children: BTreeMap<String, usize>,
}

/// One source file of the crate, parsed.
pub struct SourceFile {
    pub path: PathBuf,
    pub ast: syn::File,
    /// The module the whole file is.
    pub module: usize,
}

/// A crate's modules (the root is module 0) and files.
#[derive(Default)]
pub struct Crate {
    pub modules: Vec<Module>,
    pub files: Vec<SourceFile>,
}

impl Crate {
    /// Reads the crate whose root file (`lib.rs`, `main.rs`) is `root`.
    pub fn load(root: &Path) -> Res<Crate> {
        let mut krate = Crate::default();
        let module = krate.new_module(None, 0);
        let dir = root.parent().map(Path::to_path_buf).unwrap_or_default();
        krate.load_file(root, module, &dir)?;
        Ok(krate)
    }

    fn new_module(&mut self, parent: Option<usize>, file: usize) -> usize {
        self.modules.push(Module {
            parent,
            file,
            children: BTreeMap::new(),
        });
        self.modules.len() - 1
    }

    /// Parses `path` as module `module`, whose `mod x;` files are in `dir`.
    fn load_file(&mut self, path: &Path, module: usize, dir: &Path) -> Res {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut ast = syn::parse_file(&text).map_err(|e| {
            let at = e.span().start();
            format!("{}:{}:{}: {e}", path.display(), at.line, at.column + 1)
        })?;
        let file = self.files.len();
        self.modules[module].file = file;
        // Taken out while its modules load (they push their own files).
        let items = std::mem::take(&mut ast.items);
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            ast,
            module,
        });
        let own_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let declared = self.declare(&items, module, file, dir, &own_dir, false);
        self.files[file].ast.items = items;
        declared
    }

    /// Declares the modules `items` name inside `parent` (held in `file`),
    /// loading each one's file: `dir` is where `mod x;` looks for `x.rs`
    /// and `x/mod.rs`; `own_dir`, the folder of `file`, anchors
    /// `#[path]` outside inline modules.
    fn declare(
        &mut self,
        items: &[syn::Item],
        parent: usize,
        file: usize,
        dir: &Path,
        own_dir: &Path,
        inline: bool,
    ) -> Res {
        for item in items {
            let syn::Item::Mod(m) = item else { continue };
            let name = ident_name(&m.ident);
            let id = self.new_module(Some(parent), file);
            self.modules[parent].children.insert(name.clone(), id);
            if let Some((_, inner)) = &m.content {
                self.declare(inner, id, file, &dir.join(&name), own_dir, true)?;
                continue;
            }
            let (path, child_dir) = match path_attribute(&m.attrs) {
                // A file named by `#[path]` owns its folder, as `mod.rs` does.
                Some(p) => {
                    let path = if inline { dir.join(p) } else { own_dir.join(p) };
                    let child_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    (path, child_dir)
                }
                None => {
                    let flat = dir.join(format!("{name}.rs"));
                    let nested = dir.join(&name).join("mod.rs");
                    if flat.is_file() {
                        (flat, dir.join(&name))
                    } else if nested.is_file() {
                        (nested, dir.join(&name))
                    } else {
                        return Err(format!(
                            "{}: `mod {name};` has neither {} nor {}",
                            self.files[file].path.display(),
                            flat.display(),
                            nested.display()
                        ));
                    }
                }
            };
            self.load_file(&path, id, &child_dir)?;
        }
        Ok(())
    }

    /// The module `name` declared directly in `module`.
    pub fn child(&self, module: usize, name: &str) -> Option<usize> {
        self.modules[module].children.get(name).copied()
    }
}

/// An identifier as written, without `r#`.
pub fn ident_name(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The file named by `#[path = "..."]`, if any.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}
