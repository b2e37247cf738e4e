//! A PDF refused for what it would do in a viewer: run JavaScript, launch
//! a program, send data out or open other files or media, act by itself
//! on opening, carry files inside, hold an XFA form, hide behind a
//! password, or inflate past the bound. Parsed with `lopdf`, which
//! decodes names (`/J#61vaScript` is `/JavaScript`) and reads the objects
//! inside object streams, so nothing hides in either.

use lopdf::{Document, LoadOptions, Object, ObjectStream};
use shared::ErrorCode;

use super::inflate::{self, MAX_INFLATED};

fn too_far() -> ErrorCode {
    ErrorCode::PdfInflatesTooFar { max: MAX_INFLATED }
}

fn limit() -> Option<usize> {
    usize::try_from(MAX_INFLATED).ok()
}

fn is_bomb(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })
    )
}

pub fn check(bytes: &[u8]) -> Result<(), ErrorCode> {
    if inflate::exceeds(bytes, MAX_INFLATED) {
        return Err(too_far());
    }
    let options = LoadOptions {
        max_decompressed_size: limit(),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        if is_bomb(&e) {
            too_far()
        } else {
            ErrorCode::FileDamaged
        }
    })?;
    if doc.trailer.has(b"Encrypt") || doc.is_encrypted() {
        return Err(ErrorCode::PdfEncrypted);
    }
    let members = object_stream_members(&doc)?;
    let mut stack: Vec<&Object> = doc.objects.values().chain(&members).collect();
    stack.extend(doc.trailer.iter().map(|(_, v)| v));
    while let Some(object) = stack.pop() {
        let dict = match object {
            Object::Name(name) => {
                refusal(name)?;
                continue;
            }
            Object::Array(items) => {
                stack.extend(items);
                continue;
            }
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        for (key, value) in dict {
            refusal(key)?;
            stack.push(value);
        }
    }
    Ok(())
}

/// The objects of every object stream, whether or not the cross-reference
/// data names them (a viewer rebuilding a damaged file reads them all).
fn object_stream_members(doc: &Document) -> Result<Vec<Object>, ErrorCode> {
    let mut members = Vec::new();
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.dict.has_type(b"ObjStm") {
            continue;
        }
        match ObjectStream::new_with_limit(stream, limit()) {
            Ok(parsed) => members.extend(parsed.objects.into_values()),
            Err(e) if is_bomb(&e) => return Err(too_far()),
            Err(_) => return Err(ErrorCode::FileDamaged),
        }
    }
    Ok(members)
}

/// The refusal a name brings (as a key or as a value, after `#xx`
/// decoding), if any.
fn refusal(name: &[u8]) -> Result<(), ErrorCode> {
    Err(match name {
        b"JS" | b"JavaScript" => ErrorCode::PdfJavascript,
        b"Launch" => ErrorCode::PdfLaunch,
        b"SubmitForm" | b"ImportData" | b"GoToR" | b"GoToE" | b"RichMedia" => {
            ErrorCode::PdfExternalAction
        }
        b"OpenAction" | b"AA" => ErrorCode::PdfOpenAction,
        b"EmbeddedFile" | b"EmbeddedFiles" | b"EF" | b"FileAttachment" => {
            ErrorCode::PdfEmbeddedFile
        }
        b"XFA" => ErrorCode::PdfXfa,
        _ => return Ok(()),
    })
}
