//! The PDF's streams compressed (zlib) at a level chosen by measurement: lopdf's own `compress`
//! takes the slowest, best level (9); level 6 makes a 500-review decision 1 % larger (0,797 →
//! 0,806 MB) and its compile 10 % faster (0,289 → 0,258 s, paired runs).

use flate2::{Compression, write::ZlibEncoder};
use std::io::Write;

const LEVEL: u32 = 6;

/// Compresses `stream` unless it is compressed already or would not get smaller.
pub fn compress(stream: &mut lopdf::Stream) {
    if stream.dict.get(b"Filter").is_ok() || !stream.allows_compression {
        return;
    }
    let mut e = ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 3),
        Compression::new(LEVEL),
    );
    if e.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(out) = e.finish()
        && out.len() + 19 < stream.content.len()
    {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(out);
    }
}

/// Compresses every stream of `doc` (see [`compress`]).
pub fn compress_all(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(s) = object {
            compress(s);
        }
    }
}
