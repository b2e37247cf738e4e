//! What the provider asks the applicant while reviewing (the hearing
//! before a refusal, missing documents) and the answers; a file the
//! applicant adds to an answer names its inquiry.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiries {
    Table,
    Id,
    RequestId,
    Kind,
    AskedBy,
    AskedAt,
    Message,
    AnswerDue,
    AnsweredAt,
    Answer,
}

#[derive(DeriveIden)]
enum Requests {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    InquiryId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Inquiries::Table)
                .col(pk_auto(Inquiries::Id))
                .col(integer(Inquiries::RequestId))
                .col(string_len(Inquiries::Kind, 16))
                .col(integer(Inquiries::AskedBy))
                .col(timestamp_with_time_zone(Inquiries::AskedAt))
                .col(text(Inquiries::Message))
                .col(string_len_null(Inquiries::AnswerDue, 10))
                .col(timestamp_with_time_zone_null(Inquiries::AnsweredAt))
                .col(text_null(Inquiries::Answer))
                .foreign_key(
                    ForeignKey::create()
                        .from(Inquiries::Table, Inquiries::RequestId)
                        .to(Requests::Table, Requests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Inquiries::Table, Inquiries::AskedBy)
                        .to(Users::Table, Users::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_inquiries_request")
                .table(Inquiries::Table)
                .col(Inquiries::RequestId)
                .to_owned(),
        )
        .await?;
        // SQLite adds no foreign key to an existing table: the inquiry a
        // file answers is kept by number (an inquiry is never deleted
        // without its request, whose files go with it).
        m.alter_table(
            Table::alter()
                .table(Files::Table)
                .add_column(integer_null(Files::InquiryId))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Files::Table)
                .drop_column(Files::InquiryId)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(Inquiries::Table).to_owned())
            .await
    }
}
