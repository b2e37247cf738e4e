//! Requests (заявки) and their history: a draft the applicant fills, then
//! the registered request with its number, and every status change with
//! time, actor and reason (SPEC §3).

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
enum Services {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
    UserId,
    ServiceCode,
    RequestType,
    ProviderCode,
    Status,
    Answers,
    Number,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RequestEvents {
    Table,
    Id,
    RequestId,
    At,
    ActorUserId,
    Status,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Requests::Table)
                .col(pk_auto(Requests::Id))
                .col(integer(Requests::UserId))
                .col(string(Requests::ServiceCode))
                .col(string_len(Requests::RequestType, 16))
                .col(string_null(Requests::ProviderCode))
                .col(string_len(Requests::Status, 24))
                .col(text(Requests::Answers))
                .col(string_len_null(Requests::Number, 32).unique_key())
                .col(timestamp_with_time_zone(Requests::CreatedAt))
                .col(timestamp_with_time_zone(Requests::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Requests::Table, Requests::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Requests::Table, Requests::ServiceCode)
                        .to(Services::Table, Services::Code),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Requests::Table, Requests::ProviderCode)
                        .to(Providers::Table, Providers::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_requests_user_updated")
                .table(Requests::Table)
                .col(Requests::UserId)
                .col(Requests::UpdatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RequestEvents::Table)
                .col(pk_auto(RequestEvents::Id))
                .col(integer(RequestEvents::RequestId))
                .col(timestamp_with_time_zone(RequestEvents::At))
                .col(integer_null(RequestEvents::ActorUserId))
                .col(string_len(RequestEvents::Status, 24))
                .col(text_null(RequestEvents::Reason))
                .foreign_key(
                    ForeignKey::create()
                        .from(RequestEvents::Table, RequestEvents::RequestId)
                        .to(Requests::Table, Requests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(RequestEvents::Table, RequestEvents::ActorUserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_request_events_request")
                .table(RequestEvents::Table)
                .col(RequestEvents::RequestId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RequestEvents::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Requests::Table).to_owned())
            .await
    }
}
