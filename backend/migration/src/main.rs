//! Runs the migrations by hand: `cargo run -p migration -- -u <database url> up`.
//! Used by `cargo xtask codegen` to make a schema to generate entities from.

#[tokio::main]
async fn main() {
    sea_orm_migration::cli::run_cli(migration::Migrator).await;
}
