//! State every portal process must see (issue 28): the outstanding ЭЦП
//! challenges (taken once, whichever process answers) and the failed
//! attempts the login and recovery throttles count.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EdsChallenges {
    Table,
    Id,
    Purpose,
    Portal,
    Nonce,
    IssuedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ThrottleFailures {
    Table,
    Id,
    Key,
    AtMs,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(EdsChallenges::Table)
                .col(string_len(EdsChallenges::Id, 32).primary_key())
                .col(string_len(EdsChallenges::Purpose, 16))
                .col(string_len(EdsChallenges::Portal, 300))
                .col(string_len(EdsChallenges::Nonce, 64))
                .col(big_integer(EdsChallenges::IssuedAt))
                .col(big_integer(EdsChallenges::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_eds_challenges_expires_at")
                .table(EdsChallenges::Table)
                .col(EdsChallenges::ExpiresAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ThrottleFailures::Table)
                .col(pk_auto(ThrottleFailures::Id))
                .col(string_len(ThrottleFailures::Key, 300))
                .col(big_integer(ThrottleFailures::AtMs))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_throttle_failures_key_at")
                .table(ThrottleFailures::Table)
                .col(ThrottleFailures::Key)
                .col(ThrottleFailures::AtMs)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ThrottleFailures::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(EdsChallenges::Table).to_owned())
            .await
    }
}
