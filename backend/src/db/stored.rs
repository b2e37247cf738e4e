//! How stored states and JSON text columns decode: one decoder for each, and
//! a row that does not decode is an error (logged with its table and column,
//! answered 500), never a default.

use serde::de::DeserializeOwned;
use shared::review::DecisionStatus;

use crate::error::{AppError, AppResult};

/// The JSON kept as text in `column` (`"table.column"`), decoded.
pub fn json<T: DeserializeOwned>(column: &'static str, raw: &str) -> AppResult<T> {
    serde_json::from_str(raw).map_err(|e| corrupt(column, &e))
}

/// The state stored in `column` (`"table.column"`) as `raw`, read by `parse`
/// (the state's own `parse`, the inverse of the code it was written from).
pub fn state<T>(column: &'static str, raw: &str, parse: fn(&str) -> Option<T>) -> AppResult<T> {
    parse(raw).ok_or_else(|| corrupt(column, &format!("unknown state {raw:?}")))
}

/// The state stored in a nullable `column`: `None` when the column is NULL.
pub fn optional<T>(
    column: &'static str,
    raw: Option<&str>,
    parse: fn(&str) -> Option<T>,
) -> AppResult<Option<T>> {
    raw.map(|r| state(column, r, parse)).transpose()
}

/// The code a decision's status is stored as.
pub fn decision_status_code(status: DecisionStatus) -> &'static str {
    match status {
        DecisionStatus::Draft => "draft",
        DecisionStatus::Signed => "signed",
    }
}

/// The decision status stored as `code`.
pub fn decision_status_parse(code: &str) -> Option<DecisionStatus> {
    [DecisionStatus::Draft, DecisionStatus::Signed]
        .into_iter()
        .find(|s| decision_status_code(*s) == code)
}

/// A decision's stored status.
pub fn decision_status(raw: &str) -> AppResult<DecisionStatus> {
    state("decisions.status", raw, decision_status_parse)
}

fn corrupt(column: &'static str, cause: &dyn std::fmt::Display) -> AppError {
    tracing::error!(column, error = %cause, "a stored row does not decode");
    AppError::internal(format!("{column} does not decode: {cause}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_status_round_trips_and_rejects_unknown() {
        for s in [DecisionStatus::Draft, DecisionStatus::Signed] {
            assert_eq!(decision_status(decision_status_code(s)).ok(), Some(s));
        }
        assert!(decision_status("approved").is_err());
        assert!(json::<Vec<String>>("t.c", "{not json").is_err());
        assert_eq!(
            json::<Vec<String>>("t.c", "[\"a\"]").ok(),
            Some(vec!["a".to_owned()])
        );
    }
}
