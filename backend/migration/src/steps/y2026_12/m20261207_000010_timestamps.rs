//! A timestamp (RFC 3161) kept with each accepted request and decision
//! signature: the TSA's token over the signature value, which makes the
//! signature CAdES-T, and the time it attests.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Signatures {
    Table,
    TimestampToken,
    TimestampedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        m.alter_table(
            Table::alter()
                .table(Signatures::Table)
                .add_column(blob_null(Signatures::TimestampToken))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Signatures::Table)
                .add_column(timestamp_with_time_zone_null(Signatures::TimestampedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [Signatures::TimestampedAt, Signatures::TimestampToken] {
            m.alter_table(
                Table::alter()
                    .table(Signatures::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
