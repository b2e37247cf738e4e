//! PAdES signatures (ETSI EN 319 142-1, `ETSI.CAdES.detached`): a PDF
//! gets, in an incremental update written by `lopdf`, a signature
//! dictionary, an invisible signature field on its first page and the
//! AcroForm naming it; the dictionary's `/Contents` is reserved as zeros
//! and its `/ByteRange` names everything but them. The caller signs those
//! bytes with a detached CMS (`Prepared::covered`) and puts it in
//! (`Prepared::finish`). The CMS is ours (`pki::sign`), the PDF objects
//! lopdf's; this file only reserves and patches the two values.

use cms::content_info::ContentInfo;
use lopdf::{Document, IncrementalDocument, Object, ObjectId, StringFormat, dictionary};
use x509_cert::der::{Decode, Encode, SliceReader};

/// The room for the CMS (certificates, a timestamp token): 24 KiB, 48 KiB
/// of hex in the file.
pub const RESERVED: usize = 24 * 1024;
/// Ten digits, so the real offsets fit where lopdf wrote these.
const PLACEHOLDER: i64 = 9_999_999_999;

/// A PDF with its signature's room reserved.
#[derive(Debug, Clone)]
pub struct Prepared {
    bytes: Vec<u8>,
    /// Offsets of `/Contents`' `<` and of the byte after its `>`.
    hole: (usize, usize),
}

/// The PDF date of Unix seconds `at` (UTC).
fn pdf_date(at: u64) -> String {
    let t = chrono::DateTime::from_timestamp(i64::try_from(at).unwrap_or(0), 0).unwrap_or_default();
    t.format("D:%Y%m%d%H%M%SZ").to_string()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `pdf` with an empty PAdES signature of `reason`, dated `at`.
pub fn prepare(pdf: &[u8], reason: &str, at: u64) -> Result<Prepared, String> {
    let prev = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let root: ObjectId = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let page = *prev
        .get_pages()
        .values()
        .next()
        .ok_or("a PDF without pages")?;
    let mut update = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let doc = &mut update.new_document;
    let sig = doc.add_object(dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "ByteRange" => vec![Object::Integer(0), PLACEHOLDER.into(), PLACEHOLDER.into(), PLACEHOLDER.into()],
        "Contents" => Object::String(vec![0; RESERVED], StringFormat::Hexadecimal),
        "M" => Object::string_literal(pdf_date(at)),
        "Reason" => Object::String(utf16(reason), StringFormat::Hexadecimal),
    });
    let field = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => Object::string_literal("Signature1"),
        "V" => sig,
        "F" => 132,
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "P" => page,
    });
    update
        .opt_clone_object_to_new_document(page)
        .map_err(|e| e.to_string())?;
    let page_dict = update
        .new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    match page_dict.get_mut(b"Annots") {
        Ok(Object::Array(annots)) => annots.push(field.into()),
        Ok(_) => return Err("a page whose annotations are not an array in place".into()),
        Err(_) => page_dict.set("Annots", vec![Object::from(field)]),
    }
    update
        .opt_clone_object_to_new_document(root)
        .map_err(|e| e.to_string())?;
    update
        .new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?
        .set(
            "AcroForm",
            dictionary! { "Fields" => vec![Object::from(field)], "SigFlags" => 3 },
        );
    let mut bytes = Vec::with_capacity(pdf.len() + 2 * RESERVED + 2048);
    update.save_to(&mut bytes).map_err(|e| e.to_string())?;
    reserve(bytes, pdf.len())
}

/// A text string as PDF wants it beyond Latin-1: UTF-16BE with its BOM.
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// Finds, past the original's `from` bytes, the zeros of `/Contents` and
/// writes the real `/ByteRange` over its placeholder.
fn reserve(mut bytes: Vec<u8>, from: usize) -> Result<Prepared, String> {
    let zeros = [b"<".as_slice(), &vec![b'0'; 2 * RESERVED], b">"].concat();
    let start = find(&bytes, &zeros, from).ok_or("the reserved contents not written")?;
    let end = start + zeros.len();
    let key = find(&bytes, b"/ByteRange", from).ok_or("no byte range written")?;
    let open = find(&bytes, b"[", key).ok_or("no byte range array")?;
    let close = find(&bytes, b"]", open).ok_or("no byte range end")?;
    let range = format!("[0 {start} {end} {}", bytes.len() - end);
    let room = close - open;
    if range.len() > room {
        return Err("the byte range does not fit".into());
    }
    let padded = format!("{range:<room$}");
    bytes[open..close].copy_from_slice(padded.as_bytes());
    Ok(Prepared {
        bytes,
        hole: (start, end),
    })
}

impl Prepared {
    /// The bytes the signature covers: all but `/Contents`' value.
    pub fn covered(&self) -> Vec<u8> {
        let (start, end) = self.hole;
        [&self.bytes[..start], &self.bytes[end..]].concat()
    }

    /// The signed PDF: the DER CMS `cms` in the reserved room.
    pub fn finish(mut self, cms: &[u8]) -> Result<Vec<u8>, String> {
        if cms.len() > RESERVED {
            return Err(format!("a CMS of {} bytes, over the room", cms.len()));
        }
        let hex = crate::pki::hex(cms).to_uppercase();
        let at = self.hole.0 + 1;
        self.bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// The CMS and the covered bytes of a PDF's signature, as a verifier reads
/// them: the `/ByteRange` and `/Contents` of the first signature dictionary
/// lopdf finds (the portal's PDFs carry one).
pub fn signed_parts(pdf: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let sig = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| {
            d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Sig")
        })
        .ok_or("no signature dictionary")?;
    let range: Vec<usize> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|o| o.as_i64().ok().and_then(|n| usize::try_from(n).ok()))
        .collect::<Option<_>>()
        .ok_or("a byte range of other than offsets")?;
    let [a, b, c, d] = range[..] else {
        return Err("a byte range of other than two parts".into());
    };
    let part = |from: usize, len: usize| pdf.get(from..from + len).ok_or("a range past the end");
    let covered = [part(a, b)?, part(c, d)?].concat();
    let contents = sig
        .get(b"Contents")
        .and_then(Object::as_str)
        .map_err(|e| e.to_string())?;
    // The CMS is the first value; the unused room after it is zeros.
    let mut reader = SliceReader::new(contents).map_err(|e| e.to_string())?;
    let cms = ContentInfo::decode(&mut reader).map_err(|e| e.to_string())?;
    Ok((cms.to_der().map_err(|e| e.to_string())?, covered))
}

#[cfg(test)]
mod tests;
