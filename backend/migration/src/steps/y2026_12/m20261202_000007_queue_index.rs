//! The reviewer's queue reads a provider's requests in a status, most
//! urgent first: one index serves the filter and the order, so the queue
//! does not scan every request the portal holds.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Requests {
    Table,
    ProviderCode,
    Status,
    DueDate,
    Id,
}

const NAME: &str = "idx_requests_provider_status_due";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(NAME)
                .table(Requests::Table)
                .col(Requests::ProviderCode)
                .col(Requests::Status)
                .col(Requests::DueDate)
                .col(Requests::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(NAME).table(Requests::Table).to_owned())
            .await
    }
}
