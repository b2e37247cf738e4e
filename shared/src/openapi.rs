//! How the hand-serialized newtypes look in the API's OpenAPI description
//! (`/api/openapi.json`): each is a JSON string with the shape its parser
//! accepts. The derived schemas of the other types refer to these. Only with
//! the `openapi` feature, which the server turns on and the browser app
//! does not.

use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

use crate::calendar::Date;
use crate::contact::{Email, Name, Phone};
use crate::ids::{Bin, Iin};
use crate::request::RequestNumber;

fn string(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

macro_rules! string_schema {
    ($t:ty, $build:expr) => {
        impl PartialSchema for $t {
            fn schema() -> RefOr<Schema> {
                let built: ObjectBuilder = $build;
                RefOr::T(Schema::Object(built.build()))
            }
        }
        impl ToSchema for $t {}
    };
}

string_schema!(
    Iin,
    string("ИИН: twelve digits, birth date and check digit (SPEC §9)").pattern(Some("^[0-9]{12}$"))
);
string_schema!(
    Bin,
    string("БИН: twelve digits, registration date and check digit (SPEC §9)")
        .pattern(Some("^[0-9]{12}$"))
);
string_schema!(
    Email,
    string("An e-mail address")
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .max_length(Some(254))
);
string_schema!(
    Phone,
    string("A Kazakhstan phone number, answered as +7 and ten digits").examples(["+77011234567"])
);
string_schema!(
    Name,
    string("A person's or an organization's name, 2 to 200 characters once trimmed")
        .min_length(Some(2))
        .max_length(Some(200))
);
string_schema!(
    Date,
    string("A calendar date").format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
);
string_schema!(
    RequestNumber,
    string("A registration number: KZ-<year>-<8 to 12 digits>")
        .pattern(Some("^KZ-[0-9]{4}-[0-9]{8,12}$"))
        .examples(["KZ-2026-00000001"])
);
