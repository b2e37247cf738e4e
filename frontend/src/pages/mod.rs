//! One module per route.

pub mod cabinet;
pub mod catalog;
pub mod check;
pub mod desk;
pub mod history;
pub mod login;
pub mod not_found;
pub mod notifications;
pub mod register;
pub mod register_eds;
pub mod registry;
pub mod request;
pub mod review;
pub mod service;
pub mod stats;
pub mod status;

/// A same-site path to go to after login: only paths starting with one `/`.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/cabinet".to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_the_site() {
        assert_eq!(
            safe_next(Some("/services/veterinary".into())),
            "/services/veterinary"
        );
        assert_eq!(safe_next(Some("//evil.example".into())), "/cabinet");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/cabinet");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/cabinet");
        assert_eq!(safe_next(None), "/cabinet");
    }
}
