//! A letter as an e-mail, built with `lettre`'s message builder: the
//! subject as RFC 2047 encoded words, a `multipart/alternative` body of the
//! text and an HTML rendering of it (both UTF-8 in base64), a `Message-ID`
//! in the sender's domain, `Auto-Submitted: auto-generated` (RFC 3834) so
//! that no auto-responder answers it.

use lettre::Message;
use lettre::message::header::{
    ContentTransferEncoding, ContentType, Header, HeaderName, HeaderValue,
};
use lettre::message::{Mailbox, MultiPart, SinglePart};

/// `Auto-Submitted: auto-generated` (RFC 3834 §5).
#[derive(Debug, Clone, Copy)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        match s.trim() {
            "auto-generated" => Ok(AutoSubmitted),
            other => Err(format!("Auto-Submitted: {other}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The e-mail from `from` to `to` with `subject` and the text `body`,
/// identified by `message_id` (`<…@…>`, the same at every attempt).
pub fn build(
    from: &Mailbox,
    to: &str,
    subject: &str,
    body: &str,
    message_id: String,
) -> Result<Message, String> {
    let to: Mailbox = to.parse().map_err(|e| format!("recipient {to:.80}: {e}"))?;
    // Text in its canonical form (RFC 2045 §6.8): CRLF line ends.
    let part = |kind: ContentType, content: String| {
        SinglePart::builder()
            .header(kind)
            .header(ContentTransferEncoding::Base64)
            .body(content.replace("\r\n", "\n").replace('\n', "\r\n"))
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(message_id))
        .header(AutoSubmitted)
        .multipart(
            MultiPart::alternative()
                .singlepart(part(ContentType::TEXT_PLAIN, body.to_owned()))
                .singlepart(part(ContentType::TEXT_HTML, html(subject, body))),
        )
        .map_err(|e| format!("the message: {e}"))
}

/// The text as a small HTML page: paragraphs at blank lines, line breaks
/// kept, addresses as links, everything else escaped.
pub fn html(title: &str, text: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: sans-serif\">\n",
        escape(title)
    );
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let lines: Vec<String> = paragraph
            .lines()
            .map(|line| {
                line.split(' ')
                    .map(|word| {
                        if word.starts_with("https://") || word.starts_with("http://") {
                            format!("<a href=\"{0}\">{0}</a>", escape(word))
                        } else {
                            escape(word)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        out.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
    }
    out.push_str("</body></html>\n");
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_escapes_the_text_and_links_addresses() {
        let page = html(
            "Сұрау № 5",
            "Сәлеметсіз бе!\n\n<b>x</b> & \"y\"\nТолығырақ: https://egov.example.kz/requests/5?a=1&b=2\n",
        );
        assert!(page.contains("<p>Сәлеметсіз бе!</p>"), "{page}");
        assert!(
            page.contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;<br>"),
            "{page}"
        );
        assert!(page.contains(
            "<a href=\"https://egov.example.kz/requests/5?a=1&amp;b=2\">https://egov.example.kz/requests/5?a=1&amp;b=2</a>"
        ));
        assert!(!page.contains("<b>"));
    }

    #[test]
    fn the_message_is_ascii_with_both_parts_in_base64() {
        let from: Mailbox = "noreply@egov.example.kz".parse().expect("address");
        let message = build(
            &from,
            "applicant@example.kz",
            "Сұрау № 5",
            "Сәлеметсіз бе!",
            "<outbox-5.1@egov.example.kz>".to_owned(),
        )
        .expect("a message");
        let text = String::from_utf8(message.formatted()).expect("utf-8");
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("Auto-Submitted: auto-generated\r\n"));
        assert!(text.contains("Message-ID: <outbox-5.1@egov.example.kz>\r\n"));
        assert!(text.contains("multipart/alternative"));
        assert_eq!(text.matches("Content-Transfer-Encoding: base64").count(), 2);
        for bad in ["a@b>\r\nRCPT TO:<c@d", "", "no-at"] {
            assert!(
                build(&from, bad, "s", "b", "<x@y>".to_owned()).is_err(),
                "{bad:?}"
            );
        }
    }
}
