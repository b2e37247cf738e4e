//! The references from one file to the crate's other files: every `use`
//! tree and every path starting with `crate::`, `super::` or `self::` (in
//! code, types and macro input), and every path starting with a child
//! module's name, resolved through the module tree as far as modules go.
//! `mod x;` alone is no reference; `pub use x::Y` is one.

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::Visit;

use super::modules::{Crate, ident_name};

/// One reference from file `from` to file `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub from: usize,
    pub to: usize,
    pub line: usize,
    /// The path as written, e.g. `crate::services::desk::Desk`.
    pub text: String,
}

/// Every reference between different files of `krate`.
pub fn collect(krate: &Crate) -> Vec<Ref> {
    let mut refs = Vec::new();
    for (file, source) in krate.files.iter().enumerate() {
        let mut c = Collector {
            krate,
            file,
            module: source.module,
            refs: &mut refs,
        };
        c.visit_file(&source.ast);
    }
    refs
}

struct Collector<'a> {
    krate: &'a Crate,
    file: usize,
    /// The module the visited code is in (an inline module's own).
    module: usize,
    refs: &'a mut Vec<Ref>,
}

impl Collector<'_> {
    /// Records the file the path `segments` leads to; `in_use`: the path
    /// is in a `use` tree, where a child module's name may start it even
    /// without a second segment.
    fn reference(&mut self, segments: &[String], line: usize, in_use: bool) {
        let Some(first) = segments.first() else {
            return;
        };
        let m = &self.krate.modules;
        let (mut at, rest) = match first.as_str() {
            "crate" => (0, &segments[1..]),
            "self" | "super" => (self.module, segments),
            name => match self.krate.child(self.module, name) {
                Some(_) if in_use || segments.len() > 1 => (self.module, segments),
                _ => return,
            },
        };
        for segment in rest {
            match segment.as_str() {
                "self" => {}
                "super" => match m[at].parent {
                    Some(parent) => at = parent,
                    None => return,
                },
                name => match self.krate.child(at, name) {
                    Some(child) => at = child,
                    None => break,
                },
            }
        }
        let to = m[at].file;
        if to != self.file {
            self.refs.push(Ref {
                from: self.file,
                to,
                line,
                text: segments.join("::"),
            });
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(ident_name(&p.ident));
                self.use_tree(&p.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.use_leaf(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.use_leaf(prefix, &r.ident),
            syn::UseTree::Glob(g) => {
                let line = g.star_token.spans[0].start().line;
                self.reference(prefix, line, true);
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(tree, prefix);
                }
            }
        }
    }

    fn use_leaf(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut path = prefix.to_vec();
        // `use a::{self}` imports `a` itself.
        if ident != "self" || path.is_empty() {
            path.push(ident_name(ident));
        }
        self.reference(&path, ident.span().start().line, true);
    }

    /// The `crate::`, `super::` and `self::` paths in a macro's input,
    /// which syn leaves as tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(g) => {
                    self.tokens(g.stream());
                    i += 1;
                }
                TokenTree::Ident(id) if id == "crate" || id == "super" || id == "self" => {
                    let mut path = vec![id.to_string()];
                    let mut j = i + 1;
                    while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) =
                        (tokens.get(j), tokens.get(j + 1))
                    {
                        let colons = a.as_char() == ':'
                            && a.spacing() == Spacing::Joint
                            && b.as_char() == ':';
                        let Some(TokenTree::Ident(next)) = tokens.get(j + 2).filter(|_| colons)
                        else {
                            break;
                        };
                        path.push(ident_name(next));
                        j += 3;
                    }
                    if path.len() > 1 {
                        self.reference(&path, id.span().start().line, false);
                    }
                    i = j;
                }
                _ => i += 1,
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let Some((_, items)) = &m.content else {
            return;
        };
        let outer = self.module;
        if let Some(inner) = self.krate.child(outer, &ident_name(&m.ident)) {
            self.module = inner;
        }
        for attr in &m.attrs {
            self.visit_attribute(attr);
        }
        for item in items {
            self.visit_item(item);
        }
        self.module = outer;
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if u.leading_colon.is_none() {
            self.use_tree(&u.tree, &mut Vec::new());
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.leading_colon.is_none() {
            let segments: Vec<String> = p.segments.iter().map(|s| ident_name(&s.ident)).collect();
            let line = p
                .segments
                .first()
                .map_or(0, |s| s.ident.span().start().line);
            self.reference(&segments, line, false);
        }
        syn::visit::visit_path(self, p);
    }

    /// `pub(in crate::x)` names who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        self.tokens(m.tokens.clone());
    }
}
