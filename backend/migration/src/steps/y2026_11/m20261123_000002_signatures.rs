//! Every ЭЦП signature the portal accepted, with the verifier's report: who
//! signed (certificate serial, ИИН, БИН, name), when, the path to the
//! trusted root, and the signature and the digest of what it covers — kept
//! beside whatever was signed (a login or registration challenge now,
//! requests and decisions later).

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
enum Signatures {
    Table,
    Id,
    UserId,
    Purpose,
    Subject,
    ContentSha256,
    Cms,
    SignerSerial,
    SignerIin,
    SignerBin,
    SignerName,
    SigningTime,
    ValidatedAt,
    Path,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Signatures::Table)
                .col(pk_auto(Signatures::Id))
                .col(integer(Signatures::UserId))
                .col(string_len(Signatures::Purpose, 32))
                .col(string_null(Signatures::Subject))
                .col(string_len(Signatures::ContentSha256, 64))
                .col(blob(Signatures::Cms))
                .col(string_len(Signatures::SignerSerial, 64))
                .col(string_len_null(Signatures::SignerIin, 12))
                .col(string_len_null(Signatures::SignerBin, 12))
                .col(string_null(Signatures::SignerName))
                .col(timestamp_with_time_zone(Signatures::SigningTime))
                .col(timestamp_with_time_zone(Signatures::ValidatedAt))
                .col(text(Signatures::Path))
                .col(timestamp_with_time_zone(Signatures::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Signatures::Table, Signatures::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_signatures_user")
                .table(Signatures::Table)
                .col(Signatures::UserId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_signatures_subject")
                .table(Signatures::Table)
                .col(Signatures::Purpose)
                .col(Signatures::Subject)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Signatures::Table).to_owned())
            .await
    }
}
