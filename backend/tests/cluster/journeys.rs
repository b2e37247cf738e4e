//! The journey steps that cross processes: a token of one process honoured
//! by every other, an ЭЦП challenge issued by one and answered at another
//! (once), a logout at one refusing the token at all.

use axum::http::{Method, StatusCode};
use backend::demo::pki::{DEMO_CITIZEN_IIN, KEYSTORE_PASSWORD, keystore_path};
use backend::pki::cert::KeyPurpose;
use backend::pki::{keystore, sign};
use base64::Engine as _;
use serde_json::json;
use shared::eds::Challenge;

use crate::nodes::Node;
use crate::support::{APPLICANT, HttpClient, call, call_with, login};

/// A detached CMS signature of the demo citizen's authentication key over
/// `content`, base64.
fn sign_as_citizen(data: &std::path::Path, content: &[u8]) -> Result<String, String> {
    let path = keystore_path(data, DEMO_CITIZEN_IIN, KeyPurpose::Authentication);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let opened = keystore::open(&bytes, KEYSTORE_PASSWORD).map_err(|e| format!("{e:?}"))?;
    let issued = opened.issued().ok_or("no P-256 key with its certificate")?;
    let cms = sign::sign(
        content,
        &issued,
        &opened.certificates,
        backend::clock::now_secs() - 2,
        false,
    )
    .map_err(|e| format!("{e:?}"))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(cms))
}

async fn me(client: &HttpClient, node: &Node, token: &str) -> Result<StatusCode, String> {
    let url = format!("{}/api/me", node.base);
    Ok(call(client, Method::GET, &url, Some(token), None).await?.0)
}

/// Every step alternating between the processes.
pub async fn across(
    client: &HttpClient,
    balancer: &str,
    nodes: &[Node],
    data: &std::path::Path,
) -> Result<String, String> {
    // A token from a login through the balancer works at every process.
    let token = login(client, balancer, APPLICANT).await?;
    for node in nodes {
        let status = me(client, node, &token).await?;
        if status != StatusCode::OK {
            return Err(format!("a token refused at {}: {status}", node.port));
        }
    }
    // An ЭЦП challenge from the first, answered at the second, once.
    let url = format!("{}/api/auth/eds/challenge", nodes[0].base);
    let (status, v) = call(
        client,
        Method::POST,
        &url,
        None,
        Some(&json!({ "purpose": "login" })),
    )
    .await?;
    if status != StatusCode::OK {
        return Err(format!("challenge: {status} {v}"));
    }
    let challenge: Challenge = serde_json::from_value(v).map_err(|e| e.to_string())?;
    let cms = sign_as_citizen(data, &challenge.document.to_signed_bytes())?;
    let answer = json!({ "challenge_id": challenge.id, "cms": cms });
    let second = nodes.get(1).unwrap_or(&nodes[0]);
    let url = format!("{}/api/auth/eds/login", second.base);
    let (status, v) = call(client, Method::POST, &url, None, Some(&answer)).await?;
    if status != StatusCode::OK {
        return Err(format!("ЭЦП login at the second process: {status} {v}"));
    }
    for node in nodes {
        let url = format!("{}/api/auth/eds/login", node.base);
        let (status, _) = call(client, Method::POST, &url, None, Some(&answer)).await?;
        if status.is_success() {
            return Err(format!("a used challenge accepted again at {}", node.port));
        }
    }
    // A logout at one process: the session's token refused at every one.
    let body = json!({ "id_number": APPLICANT.0, "password": APPLICANT.1 });
    let url = format!("{}/api/auth/login", nodes[0].base);
    let (status, headers, v) = call_with(client, Method::POST, &url, &[], Some(&body)).await?;
    if status != StatusCode::OK {
        return Err(format!("login: {status} {v}"));
    }
    let token = v["access_token"].as_str().unwrap_or_default().to_owned();
    let cookie = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|h| h.to_str().ok())
        .filter_map(|c| c.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let last = nodes.last().unwrap_or(&nodes[0]);
    let url = format!("{}/api/auth/logout", last.base);
    let (status, _, _) =
        call_with(client, Method::POST, &url, &[("cookie", &cookie)], None).await?;
    if status != StatusCode::NO_CONTENT {
        return Err(format!("logout: {status}"));
    }
    for node in nodes {
        let status = me(client, node, &token).await?;
        if status != StatusCode::UNAUTHORIZED {
            return Err(format!("a logged-out token at {}: {status}", node.port));
        }
    }
    Ok(format!(
        "a token honoured by all {n}, an ЭЦП challenge answered across once, a logout refused by all {n}",
        n = nodes.len()
    ))
}
