//! A realistic data set for the load bench, written straight into the
//! database before the portal is measured: `LOAD_APPLICANTS` (50,000)
//! applicants and `LOAD_REQUESTS` (200,000) requests spread over them, over
//! every service the catalog links to a provider, every status and every
//! provider, each with a history that ends in its status, registered
//! requests numbered and due. Rows go in as multi-row `INSERT`s in one
//! transaction per thousand, the same SQL on SQLite and PostgreSQL.

use std::time::Instant;

use backend::app::App;
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use shared::request::RequestStatus;

const BATCH: usize = 1_000;
/// When the data set's requests were made: the autumn before the bench.
const CREATED: &str = "2026-10-01 09:00:00+00:00";
const SUBMITTED: &str = "2026-10-02 10:00:00+00:00";
const DECIDED: &str = "2026-10-09 15:00:00+00:00";

/// What was written.
pub struct Seeded {
    pub applicants: usize,
    pub requests: usize,
    pub events: usize,
    pub seconds: f64,
}

async fn insert(app: &App, table: &str, columns: &str, rows: &[String]) {
    let db = &app.db.write;
    for chunk in rows.chunks(BATCH) {
        let txn = db.begin().await.expect("a transaction");
        let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", chunk.join(","));
        txn.execute(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap_or_else(|e| panic!("insert into {table}: {e}"));
        txn.commit().await.expect("commit");
    }
}

async fn first_id(app: &App, table: &str) -> i64 {
    let db = &app.db.write;
    let row = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) AS n FROM {table}"),
        ))
        .await
        .expect("max id")
        .expect("a row");
    row.try_get::<i64>("", "n")
        .or_else(|_| row.try_get::<i32>("", "n").map(i64::from))
        .expect("a number")
        + 1
}

/// The statuses a request went through to reach `status`.
fn path_to(status: RequestStatus) -> &'static [RequestStatus] {
    use RequestStatus::*;
    match status {
        Draft => &[Draft],
        AwaitingPayment => &[Draft, AwaitingPayment],
        AwaitingSignature => &[Draft, AwaitingSignature],
        Submitted => &[Draft, Submitted],
        InReview => &[Draft, Submitted, InReview],
        Hearing => &[Draft, Submitted, InReview, Hearing],
        AwaitingDocuments => &[Draft, Submitted, InReview, AwaitingDocuments],
        Approved => &[Draft, Submitted, InReview, Approved],
        Refused => &[Draft, Submitted, InReview, Hearing, InReview, Refused],
    }
}

pub async fn seed(app: &App, applicants: usize, requests: usize) -> Seeded {
    let began = Instant::now();
    let db = &app.db.write;
    let backend = db.get_database_backend();
    // Every (service, provider) pair the catalog offers.
    let pairs: Vec<(String, String)> = db
        .query_all(Statement::from_string(
            backend,
            "SELECT service_code, provider_code FROM service_providers ORDER BY service_code, provider_code",
        ))
        .await
        .expect("the catalog's providers")
        .into_iter()
        .map(|r| {
            (
                r.try_get::<String>("", "service_code").expect("a service"),
                r.try_get::<String>("", "provider_code").expect("a provider"),
            )
        })
        .collect();
    assert!(!pairs.is_empty(), "the catalog links services to providers");
    // One password hash for all: hashing 50,000 passwords would only time argon2.
    let hash = app
        .passwords
        .hash("dataset-applicant-2026".to_owned())
        .await
        .expect("a password hash");

    let first_user = first_id(app, "users").await;
    let mut users = Vec::with_capacity(applicants);
    let mut made = 0usize;
    let mut n = 0u32;
    while made < applicants {
        // Born 1960–1999 on the 1st–28th of a month, either sex, serials
        // from 5000 up (clear of the demo accounts'): each `n` its own ИИН.
        let date = n % 13_440;
        let (year, month, day) = (60 + date / 336, 1 + date / 28 % 12, 1 + date % 28);
        let digits = format!(
            "{year:02}{month:02}{day:02}{}{:04}",
            3 + n / 13_440 % 2,
            5000 + n / 26_880
        );
        n += 1;
        let Some(iin) = shared::ids::complete_with_check_digit(&digits) else {
            continue;
        };
        users.push(format!(
            "({},'individual','{iin}','Applicant {made}','+7701{:07}','applicant{made}@example.kz','applicant',NULL,'{hash}',FALSE,'{CREATED}','{CREATED}',TRUE)",
            first_user + made as i64,
            made % 10_000_000
        ));
        made += 1;
    }
    insert(
        app,
        "users",
        "id,kind,id_number,name,phone,email,role,provider_code,password_hash,disabled,created_at,updated_at,self_registered",
        &users,
    )
    .await;

    let first_request = first_id(app, "requests").await;
    let mut rows = Vec::with_capacity(requests);
    let mut events = Vec::with_capacity(requests * 2);
    for i in 0..requests {
        let id = first_request + i as i64;
        let user = first_user + (i % applicants) as i64;
        let (service, provider) = &pairs[i % pairs.len()];
        let status = RequestStatus::ALL[i / pairs.len() % RequestStatus::ALL.len()];
        let registered = !matches!(
            status,
            RequestStatus::Draft
                | RequestStatus::AwaitingPayment
                | RequestStatus::AwaitingSignature
        );
        let decided = matches!(status, RequestStatus::Approved | RequestStatus::Refused);
        let text = |v: &str| format!("'{v}'");
        let number = registered.then(|| text(&format!("KZ-2025-{id:08}")));
        let submitted = registered.then(|| text(SUBMITTED));
        let due = registered.then(|| text(&format!("2026-{:02}-{:02}", 10 + i % 3, 1 + i % 28)));
        let decided_at = decided.then(|| text(DECIDED));
        let null = || "NULL".to_owned();
        rows.push(format!(
            "({id},{user},'{service}','issuance','{provider}','{}','{{}}',{},'{CREATED}','{CREATED}',{},{},{},'portal','[]')",
            status.code(),
            number.unwrap_or_else(null),
            submitted.unwrap_or_else(null),
            due.unwrap_or_else(null),
            decided_at.unwrap_or_else(null),
        ));
        for (step, s) in path_to(status).iter().enumerate() {
            let at = match step {
                0 => CREATED,
                1 => SUBMITTED,
                _ => DECIDED,
            };
            events.push(format!("({id},'{at}',{user},'{}',NULL)", s.code()));
        }
    }
    insert(
        app,
        "requests",
        "id,user_id,service_code,request_type,provider_code,status,answers,number,created_at,updated_at,submitted_at,due_date,decided_at,channel,paper_documents",
        &rows,
    )
    .await;
    insert(
        app,
        "request_events",
        "request_id,at,actor_user_id,status,reason",
        &events,
    )
    .await;
    if backend == sea_orm::DatabaseBackend::Postgres {
        // Explicit ids leave the sequences behind.
        for table in ["users", "requests"] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await
            .unwrap_or_else(|e| panic!("the {table} id sequence: {e}"));
        }
    }
    Seeded {
        applicants,
        requests,
        events: events.len(),
        seconds: began.elapsed().as_secs_f64(),
    }
}
