//! The durable outbox of e-mail (issue 28): each letter written in the same
//! transaction as the change it tells of, claimed and sent by whichever
//! portal process gets to it first, tried again with pauses, and marked.
//! And the audit chain made unforkable: no two entries may follow the same
//! hash.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    UserId,
    RequestId,
    Subject,
    Body,
    State,
    Attempts,
    DueMs,
    ClaimedUntilMs,
    CreatedMs,
    DoneMs,
    LastError,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    PrevHash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(MailOutbox::Table)
                .col(pk_auto(MailOutbox::Id))
                .col(integer(MailOutbox::UserId))
                .col(integer_null(MailOutbox::RequestId))
                .col(text(MailOutbox::Subject))
                .col(text(MailOutbox::Body))
                .col(string_len(MailOutbox::State, 16))
                .col(integer(MailOutbox::Attempts))
                .col(big_integer(MailOutbox::DueMs))
                .col(big_integer_null(MailOutbox::ClaimedUntilMs))
                .col(big_integer(MailOutbox::CreatedMs))
                .col(big_integer_null(MailOutbox::DoneMs))
                .col(text_null(MailOutbox::LastError))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_mail_outbox_state_due")
                .table(MailOutbox::Table)
                .col(MailOutbox::State)
                .col(MailOutbox::DueMs)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_log_prev_hash")
                .table(AuditLog::Table)
                .col(AuditLog::PrevHash)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_audit_log_prev_hash")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}
