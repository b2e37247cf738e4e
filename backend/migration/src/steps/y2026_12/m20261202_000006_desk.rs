//! The desk channels (SPEC §5): which channel a request came through, who
//! entered it, the paper documents ticked, the result handed over in
//! person; and accounts made at a desk for a visitor who has not registered
//! on the portal yet.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    SelfRegistered,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Channel,
    EnteredById,
    PaperDocuments,
    HandedOverAt,
    HandedOverById,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table a column at a time.
        for (table, col) in [
            (
                Users::Table.into_iden(),
                boolean(Users::SelfRegistered).default(true).to_owned(),
            ),
            (
                Requests::Table.into_iden(),
                string_len(Requests::Channel, 16)
                    .default("portal")
                    .to_owned(),
            ),
            (
                Requests::Table.into_iden(),
                integer_null(Requests::EnteredById),
            ),
            (
                Requests::Table.into_iden(),
                text(Requests::PaperDocuments).default("[]").to_owned(),
            ),
            (
                Requests::Table.into_iden(),
                timestamp_with_time_zone_null(Requests::HandedOverAt),
            ),
            (
                Requests::Table.into_iden(),
                integer_null(Requests::HandedOverById),
            ),
        ] {
            let mut col = col;
            m.alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_requests_entered_by")
                .table(Requests::Table)
                .col(Requests::EnteredById)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_requests_entered_by")
                .table(Requests::Table)
                .to_owned(),
        )
        .await?;
        for (table, col) in [
            (
                Requests::Table.into_iden(),
                Requests::HandedOverById.into_iden(),
            ),
            (
                Requests::Table.into_iden(),
                Requests::HandedOverAt.into_iden(),
            ),
            (
                Requests::Table.into_iden(),
                Requests::PaperDocuments.into_iden(),
            ),
            (
                Requests::Table.into_iden(),
                Requests::EnteredById.into_iden(),
            ),
            (Requests::Table.into_iden(), Requests::Channel.into_iden()),
            (Users::Table.into_iden(), Users::SelfRegistered.into_iden()),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
