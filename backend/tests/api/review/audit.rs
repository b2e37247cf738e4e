//! The audit log's check finds an edited, a removed and a reordered entry;
//! the database refuses a fork of the chain.

use backend::db::entities::audit_log;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, QueryOrder, Set};

use crate::helpers::app::TestApp;

#[tokio::test]
async fn the_audit_check_finds_an_edited_a_removed_and_a_reordered_entry() {
    let app = TestApp::new().await;
    for i in 0..5 {
        backend::services::core::audit::record(
            &app.state,
            None,
            "view",
            Some(1),
            &format!("entry {i}"),
        )
        .await
        .expect("record");
    }
    let db = &app.state.db.write;
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .expect("rows");

    // Edited.
    let mut edited = rows[2].clone().into_active_model();
    edited.detail = Set("entry 2, changed".into());
    edited.update(db).await.expect("update");
    let broken = backend::services::core::audit::check(db)
        .await
        .expect("check")
        .expect_err("broken");
    assert_eq!(broken.id, rows[2].id);
    rows[2]
        .clone()
        .into_active_model()
        .reset_all()
        .update(db)
        .await
        .expect("restore");
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );

    // Reordered: two entries swap their contents (through a placeholder:
    // no two entries may follow the same hash even for a moment).
    let mut parked = rows[3].clone().into_active_model();
    parked.prev_hash = Set("parked".into());
    parked.update(db).await.expect("park");
    for (a, b) in [(1, 3), (3, 1)] {
        let mut m = rows[a].clone().into_active_model();
        let other = &rows[b];
        m.at = Set(other.at);
        m.detail = Set(other.detail.clone());
        m.prev_hash = Set(other.prev_hash.clone());
        m.hash = Set(format!("{}x", &other.hash[..63]));
        m.update(db).await.expect("swap");
    }
    assert!(
        backend::services::core::audit::check(db)
            .await
            .expect("check")
            .is_err()
    );
    let mut parked = rows[3].clone().into_active_model();
    parked.prev_hash = Set("parked".into());
    parked.update(db).await.expect("park");
    for r in [&rows[1], &rows[3]] {
        r.clone()
            .into_active_model()
            .reset_all()
            .update(db)
            .await
            .expect("restore");
    }
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );

    // Removed.
    audit_log::Entity::delete_by_id(rows[1].id)
        .exec(db)
        .await
        .expect("delete");
    let broken = backend::services::core::audit::check(db)
        .await
        .expect("check")
        .expect_err("broken");
    assert_eq!(broken.id, rows[2].id);
}

#[tokio::test]
async fn the_database_refuses_a_second_entry_after_the_same_hash() {
    let app = TestApp::new().await;
    for i in 0..2 {
        backend::services::core::audit::record(&app.state, None, "view", Some(1), &format!("{i}"))
            .await
            .expect("record");
    }
    let db = &app.state.db.write;
    let last = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await
        .expect("query")
        .expect("an entry");
    // A second process that read the same last hash would write this.
    let fork = audit_log::ActiveModel {
        at: Set(last.at),
        actor_user_id: Set(None),
        action: Set("view".into()),
        request_id: Set(Some(1)),
        detail: Set("fork".into()),
        prev_hash: Set(last.prev_hash.clone()),
        hash: Set("f".repeat(64)),
        ..Default::default()
    };
    assert!(fork.insert(db).await.is_err(), "a fork is refused");
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(2)
    );
}
