//! Lists of coordinated names: "Australia, Colombia, Norway, Serbia, Switzerland and the USA".

use std::ops::Range;

use super::lexicon::flags;
use super::model::{List, ListItem, Span};
use super::places::Mention;
use super::text::Text;
use super::tokens::Gap;
use super::words::{is_capitalized, singular};

/// Names not in the gazetteer make a list only from this many items on, so that
/// "Smith and Jones" is not read as a list.
const MIN_NAME_ITEMS: usize = 3;
const MAX_NAME_WORDS: usize = 4;

#[derive(Clone, Copy)]
struct Item {
    first: usize,
    end: usize,
    /// The gazetteer entry, or `None` for a run of capitalised words.
    place: Option<usize>,
}

/// A list item at `i`: a gazetteer place, or a run of capitalised words.
fn item_at(text: &Text, i: usize, names: &[Mention]) -> Option<Item> {
    if !text.capitalized(i) && !text.is(i, "the") {
        return None;
    }
    if let Ok(k) = names.binary_search_by_key(&i, |m| m.first) {
        let m = names[k];
        // "Lesotho Hats" is a name that begins with a place, not the place.
        let name_goes_on = text.has(m.end, flags::CAPITAL) && text.gap(m.end) <= Gap::Space;
        if !m.demonym && !name_goes_on {
            return Some(Item {
                first: m.first,
                end: m.end,
                place: Some(m.place),
            });
        }
    }
    let mut end = i;
    while end - i < MAX_NAME_WORDS
        && text.is_word(end)
        && text.capitalized(end)
        && (end == i || text.gap(end) <= Gap::Space)
        && !text.lex.words.is_function_word(text.lower(end))
    {
        end += 1;
    }
    (end > i).then_some(Item {
        first: i,
        end,
        place: None,
    })
}

/// Every list in the tokens `range`.
/// `names` are the sentence's gazetteer mentions, in order.
pub fn lists(
    text: &Text,
    range: Range<usize>,
    names: &[Mention],
    sentence: Span,
    original: &str,
) -> Vec<(usize, usize, List)> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // A list starts at a capitalised word, or at the "the" just before one.
        let capital = text.next_with(flags::CAPITAL, i, range.end);
        if capital >= range.end {
            break;
        }
        i = if capital > i && text.is(capital - 1, "the") {
            capital - 1
        } else {
            capital
        };
        // Most capitalised words start no list: a list item is followed by "," "and" or "or".
        if let Err(next) = could_start_list(text, i, range.end) {
            i = next.max(i + 1);
            continue;
        }
        match list_at(text, i, range.end, names) {
            Ok(items) => {
                let first = items[0].first;
                let end = items[items.len() - 1].end;
                found.push((first, end, build(text, items, sentence, original)));
                i = end;
            }
            // No list starts inside a name that starts none ("Bank of England").
            Err(next) => i = next.max(i + 1),
        }
    }
    found
}

/// A cheap test before [`list_at`]: token `i` begins a run of capitalised words (after an
/// optional "the") that a comma, "and" or "or" follows. If not, no token of the run begins
/// one either, and the error is the token after the run.
fn could_start_list(text: &Text, i: usize, limit: usize) -> Result<(), usize> {
    let capital = |j: usize| text.has(j, flags::CAPITAL);
    let mut j = if !capital(i) && capital(i + 1) && text.lower(i) == "the" {
        i + 1
    } else {
        i
    };
    if !capital(j) {
        return Err(j + 1);
    }
    // The run's end depends on no token before it: a run entered later ends here too.
    while j < limit && (capital(j) || text.is_any(j, &["of", "and", "the"]) && capital(j + 1)) {
        if text.is_any(j, &["and"]) {
            return Ok(());
        }
        j += 1;
    }
    if text.is_symbol(j, &[","]) || text.is_any(j, &["and", "or"]) {
        Ok(())
    } else {
        Err(j)
    }
}

/// The list starting at `i`, or the token to look at next.
fn list_at(text: &Text, i: usize, limit: usize, names: &[Mention]) -> Result<Vec<Item>, usize> {
    let first = item_at(text, i, names).ok_or(i + 1)?;
    // Most capitalised words followed by a comma start no list: no allocation until a second
    // item is found.
    let mut rest: Vec<Item> = Vec::new();
    let mut closed = false;
    loop {
        let after = rest.last().unwrap_or(&first).end;
        let (next_at, last) = if text.is_symbol(after, &[","]) {
            if text.is_any(after + 1, &["and", "or"]) {
                (after + 2, true)
            } else {
                (after + 1, false)
            }
        } else if text.is_any(after, &["and", "or"]) {
            (after + 1, true)
        } else {
            break;
        };
        let Some(item) = item_at(text, next_at, names).filter(|it| it.end <= limit) else {
            break;
        };
        rest.push(item);
        if last {
            closed = true;
            break;
        }
    }
    let gazetteer = first.place.is_some() && rest.iter().all(|it| it.place.is_some());
    let enough = if gazetteer { 2 } else { MIN_NAME_ITEMS };
    if closed && 1 + rest.len() >= enough {
        Ok(std::iter::once(first).chain(rest).collect())
    } else {
        Err(first.end)
    }
}

fn build(text: &Text, items: Vec<Item>, sentence: Span, original: &str) -> List {
    let (start, end) = text.span(items[0].first, items[items.len() - 1].end);
    let intro = text
        .lex
        .words
        .list_intros
        .longest_ending_at(text, items[0].first, 3)
        .map(|m| m.value.clone())
        .or_else(|| {
            text.is_symbol(items[0].first.wrapping_sub(1), &[":"])
                .then(|| ":".to_string())
        });
    let head = head_before(text, items[0].first);
    let items = items
        .into_iter()
        .map(|it| {
            let (s, e) = text.span(it.first, it.end);
            let (class, canonical) = match it.place {
                Some(id) => {
                    let place = &text.lex.places.all[id];
                    (place.class.clone(), place.name.clone())
                }
                None => ("name".to_string(), original[s..e].to_string()),
            };
            ListItem {
                text: original[s..e].to_string(),
                start: s,
                end: e,
                class,
                canonical,
            }
        })
        .collect();
    List {
        start,
        end,
        text: original[start..end].to_string(),
        items,
        intro,
        head,
        sentence,
    }
}

/// The plural noun whose items a list names: a lower-case plural noun, a link ("-", ":",
/// "were", "over"), then the list. "its three marques - BMW, Mini and Rolls-Royce" -> marque.
fn head_before(text: &Text, first: usize) -> Option<String> {
    let link = text
        .lex
        .words
        .count_links
        .longest_ending_at(text, first, 2)?;
    let noun = first.checked_sub(link.len + 1)?;
    let word = text.str(noun);
    if !text.is_word(noun) || is_capitalized(word) || text.gap(noun + 1) > Gap::Space {
        return None;
    }
    singular(&text.lex.lemmas, text.lower(noun))
}
