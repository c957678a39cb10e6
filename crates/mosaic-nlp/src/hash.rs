//! The two hash functions the model depends on.
//!
//! * [`string_id`]: spaCy's string store id (MurmurHash64A, seed 1, over UTF-8 bytes), with the
//!   exceptions spaCy makes for the empty string and its built-in symbols.
//! * [`hash_embed_rows`]: thinc's HashEmbed row selection (MurmurHash3 x64_128 over the 8 bytes of
//!   a u64 key), which turns a string id into four embedding-table rows.

use std::collections::HashMap;
use std::sync::OnceLock;

mod symbols;

/// MurmurHash64A (Austin Appleby's 64-bit MurmurHash2) of `data`.
pub fn murmurhash64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut k = u64::from_le_bytes(c.try_into().expect("8-byte chunk"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut t = 0u64;
        for (i, b) in rest.iter().enumerate() {
            t |= (*b as u64) << (8 * i);
        }
        h ^= t;
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

fn symbol_table() -> &'static HashMap<&'static str, u64> {
    static TABLE: OnceLock<HashMap<&'static str, u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        symbols::SYMBOLS
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u64))
            .collect()
    })
}

/// spaCy's id for a string (`nlp.vocab.strings[s]`): 0 for "", the symbol id for one of spaCy's
/// built-in symbols (e.g. "X" → 101), otherwise MurmurHash64A with seed 1.
pub fn string_id(s: &str) -> u64 {
    if s.is_empty() {
        return 0;
    }
    if let Some(id) = symbol_table().get(s) {
        return *id;
    }
    murmurhash64a(s.as_bytes(), 1)
}

fn fmix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// MurmurHash3 x64_128 of the 8 little-endian bytes of `key` with a 32-bit seed, returned as the
/// four u32 words (low/high of h1, low/high of h2) that thinc's HashEmbed uses.
pub fn murmur3_u64_words(key: u64, seed: u32) -> [u32; 4] {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    let seed = seed as u64;
    let mut k = key.wrapping_mul(C1);
    k = k.rotate_left(31);
    k = k.wrapping_mul(C2);
    let mut h1 = seed ^ k ^ 8;
    let mut h2 = seed ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

/// The four rows of an `n_rows`-row HashEmbed table selected for `key` (repeats allowed).
pub fn hash_embed_rows(key: u64, seed: u32, n_rows: u32) -> [u32; 4] {
    let w = murmur3_u64_words(key, seed);
    [w[0] % n_rows, w[1] % n_rows, w[2] % n_rows, w[3] % n_rows]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hash_matches_spacy() {
        assert_eq!(string_id("apple"), 8566208034543834098);
        assert_eq!(string_id(""), 0);
        assert_eq!(string_id("X"), 101);
        assert_eq!(string_id("root"), 449);
        assert_eq!(string_id("number"), 432);
    }

    #[test]
    fn hash_embed_words_match_thinc() {
        // Values from thinc's NumpyOps().hash(ids, seed).
        assert_eq!(murmur3_u64_words(0, 8), [0, 0, 0, 0]);
        assert_eq!(
            murmur3_u64_words(1, 9),
            [2205482518, 2060344464, 1125017477, 2005428196]
        );
        assert_eq!(
            murmur3_u64_words(8566208034543834098, 10),
            [647952602, 615160478, 4013361253, 552060450]
        );
        assert_eq!(
            murmur3_u64_words(u64::MAX, 13),
            [3199409384, 1062937581, 752279700, 3061442444]
        );
        assert_eq!(
            hash_embed_rows(101, 11, 2500),
            [
                1763378230 % 2500,
                3759297338 % 2500,
                627086936 % 2500,
                2342724702 % 2500
            ]
        );
    }

    #[test]
    fn symbol_table_is_contiguous() {
        assert_eq!(symbols::SYMBOLS.len(), 457);
        assert_eq!(symbols::SYMBOLS[0], "");
    }
}
