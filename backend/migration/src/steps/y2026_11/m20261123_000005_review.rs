//! The provider's side (SPEC §3 steps 7–8, §6): who works on a request, the
//! reviewer's decisions with their signed result documents, the license
//! registry's history, and the append-only, hash-chained audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    AssigneeId,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Licenses {
    Table,
    Id,
    OriginalId,
    DocumentKey,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    RequestId,
    ReviewerId,
    Outcome,
    Checklist,
    Reasons,
    LicenseNumber,
    DocumentKey,
    DocumentSha256,
    Status,
    SignatureId,
    CreatedAt,
    SignedAt,
}

#[derive(DeriveIden)]
enum LicenseEvents {
    Table,
    Id,
    LicenseId,
    At,
    ActorUserId,
    Status,
    Reason,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    RequestId,
    Detail,
    PrevHash,
    Hash,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table a column at a time.
        for (table, col) in [
            (
                Requests::Table.into_iden(),
                integer_null(Requests::AssigneeId),
            ),
            (
                Requests::Table.into_iden(),
                timestamp_with_time_zone_null(Requests::DecidedAt),
            ),
            (
                Licenses::Table.into_iden(),
                integer_null(Licenses::OriginalId),
            ),
            (
                Licenses::Table.into_iden(),
                string_len_null(Licenses::DocumentKey, 64),
            ),
        ] {
            let mut col = col;
            m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_requests_assignee")
                .table(Requests::Table)
                .col(Requests::AssigneeId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Decisions::Table)
                .col(pk_auto(Decisions::Id))
                .col(integer(Decisions::RequestId))
                .col(integer(Decisions::ReviewerId))
                .col(string_len(Decisions::Outcome, 16))
                .col(text(Decisions::Checklist))
                .col(text(Decisions::Reasons))
                .col(string_len_null(Decisions::LicenseNumber, 40))
                .col(string_len(Decisions::DocumentKey, 64))
                .col(string_len(Decisions::DocumentSha256, 64))
                .col(string_len(Decisions::Status, 16))
                .col(integer_null(Decisions::SignatureId))
                .col(timestamp_with_time_zone(Decisions::CreatedAt))
                .col(timestamp_with_time_zone_null(Decisions::SignedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Decisions::Table, Decisions::RequestId)
                        .to(Requests::Table, Requests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Decisions::Table, Decisions::ReviewerId)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_decisions_request")
                .table(Decisions::Table)
                .col(Decisions::RequestId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LicenseEvents::Table)
                .col(pk_auto(LicenseEvents::Id))
                .col(integer(LicenseEvents::LicenseId))
                .col(timestamp_with_time_zone(LicenseEvents::At))
                .col(integer_null(LicenseEvents::ActorUserId))
                .col(string_len(LicenseEvents::Status, 24))
                .col(text_null(LicenseEvents::Reason))
                .foreign_key(
                    ForeignKey::create()
                        .from(LicenseEvents::Table, LicenseEvents::LicenseId)
                        .to(Licenses::Table, Licenses::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        // No foreign keys: the log outlives what it speaks of.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::ActorUserId))
                .col(string_len(AuditLog::Action, 32))
                .col(integer_null(AuditLog::RequestId))
                .col(text(AuditLog::Detail))
                .col(string_len(AuditLog::PrevHash, 64))
                .col(string_len(AuditLog::Hash, 64).unique_key())
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_request")
                .table(AuditLog::Table)
                .col(AuditLog::RequestId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            LicenseEvents::Table.into_iden(),
            Decisions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for (table, col) in [
            (
                Licenses::Table.into_iden(),
                Licenses::DocumentKey.into_iden(),
            ),
            (
                Licenses::Table.into_iden(),
                Licenses::OriginalId.into_iden(),
            ),
            (Requests::Table.into_iden(), Requests::DecidedAt.into_iden()),
            (
                Requests::Table.into_iden(),
                Requests::AssigneeId.into_iden(),
            ),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
