//! Tab and Enter pressed while an input method is still composing a word.
//!
//! With ibus (Unikey, Telex) over XIM, a Tab pressed while «tục» is still underlined reaches the
//! app as text, and before the word it ends (seen with winit 0.30 under X11):
//! `Preedit("") · Commit("\t") · Preedit("") · Commit("tục")`. egui would put a tab character in
//! the field before the word and keep the focus there; an Enter would be dropped. Here those
//! commits become the keys they were, and a key that ends a word being composed waits until the
//! word has landed in the field, so what the user composed lands whole where they typed it and
//! the key then does what it does everywhere else (next cell, next row).

use egui::{Event, ImeEvent, Key, Modifiers, RawInput};

/// A key held for a word that never comes is let go after this long (seconds).
const HOLD_AT_MOST: f64 = 0.3;

#[derive(Default)]
pub struct ImeKeys {
    /// A pre-edit was shown and has not been committed yet.
    composing: bool,
    /// Keys waiting for the commit of the word being composed.
    held: Vec<Event>,
    held_since: Option<f64>,
}

fn key_of(c: char) -> Option<Key> {
    match c {
        '\t' => Some(Key::Tab),
        '\r' | '\n' => Some(Key::Enter),
        _ => None,
    }
}

fn press(key: Key, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers,
    }
}

impl ImeKeys {
    /// Rewrites this frame's events in place; `modifiers` are those held now (Shift+Tab goes
    /// back). Returns whether a key is still held, so the caller asks for another frame soon.
    pub fn fix(&mut self, raw: &mut RawInput, modifiers: Modifiers) -> bool {
        let now = raw.time.unwrap_or(0.0);
        let mut out = Vec::with_capacity(raw.events.len());
        for e in raw.events.drain(..) {
            match e {
                Event::Ime(ImeEvent::Preedit { ref text, .. }) => {
                    if !text.is_empty() {
                        self.composing = true;
                    }
                    out.push(e);
                }
                Event::Ime(ImeEvent::Commit(text)) => {
                    let mut piece = String::new();
                    for c in text.chars() {
                        match key_of(c) {
                            None => piece.push(c),
                            Some(key) => {
                                if !piece.is_empty() {
                                    self.committed(std::mem::take(&mut piece), &mut out);
                                }
                                let ev = press(key, modifiers);
                                if self.composing {
                                    self.held_since.get_or_insert(now);
                                    self.held.push(ev);
                                } else {
                                    out.push(ev);
                                }
                            }
                        }
                    }
                    if !piece.is_empty() || text.is_empty() {
                        self.committed(piece, &mut out);
                    }
                }
                Event::WindowFocused(false) => {
                    self.release(&mut out);
                    out.push(e);
                }
                other => out.push(other),
            }
        }
        if self
            .held_since
            .is_some_and(|since| now - since > HOLD_AT_MOST)
        {
            self.release(&mut out);
        }
        raw.events = out;
        !self.held.is_empty()
    }

    /// The word being composed has landed: what waited for it follows.
    fn committed(&mut self, text: String, out: &mut Vec<Event>) {
        out.push(Event::Ime(ImeEvent::Commit(text)));
        self.release(out);
    }

    fn release(&mut self, out: &mut Vec<Event>) {
        self.composing = false;
        self.held_since = None;
        out.append(&mut self.held);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preedit(t: &str) -> Event {
        Event::Ime(ImeEvent::Preedit {
            text: t.into(),
            active_range_chars: None,
        })
    }
    fn commit(t: &str) -> Event {
        Event::Ime(ImeEvent::Commit(t.into()))
    }
    fn frame(keys: &mut ImeKeys, time: f64, events: Vec<Event>) -> (Vec<Event>, bool) {
        let mut raw = RawInput {
            time: Some(time),
            events,
            ..Default::default()
        };
        let held = keys.fix(&mut raw, Modifiers::NONE);
        (raw.events, held)
    }

    #[test]
    fn tab_while_composing_comes_after_the_word_as_a_key() {
        // As ibus-unikey over XIM delivers «tục» + Tab (logged from the real window).
        let mut k = ImeKeys::default();
        frame(&mut k, 1.0, vec![preedit(""), preedit("t"), preedit("tục")]);
        let (events, held) = frame(
            &mut k,
            1.1,
            vec![
                preedit(""),
                commit("\t"),
                preedit(""),
                commit("tục"),
                preedit(""),
            ],
        );
        assert!(!held);
        assert_eq!(
            events,
            vec![
                preedit(""),
                preedit(""),
                commit("tục"),
                press(Key::Tab, Modifiers::NONE),
                preedit(""),
            ]
        );
    }

    #[test]
    fn enter_while_composing_is_an_enter_key_after_the_word() {
        let mut k = ImeKeys::default();
        frame(&mut k, 1.0, vec![preedit("tục")]);
        let (events, _) = frame(&mut k, 1.1, vec![commit("\r"), commit("tục")]);
        assert_eq!(
            events,
            vec![commit("tục"), press(Key::Enter, Modifiers::NONE)]
        );
    }

    #[test]
    fn a_word_that_comes_a_frame_later_is_waited_for_and_a_lost_one_is_not() {
        let mut k = ImeKeys::default();
        frame(&mut k, 1.0, vec![preedit("tục")]);
        let (events, held) = frame(&mut k, 1.1, vec![commit("\t")]);
        assert!(held);
        assert!(events.is_empty());
        let (events, held) = frame(&mut k, 1.15, vec![commit("tục")]);
        assert!(!held);
        assert_eq!(
            events,
            vec![commit("tục"), press(Key::Tab, Modifiers::NONE)]
        );

        frame(&mut k, 2.0, vec![preedit("tu")]);
        let (_, held) = frame(&mut k, 2.1, vec![commit("\t")]);
        assert!(held);
        let (events, held) = frame(&mut k, 2.5, vec![]);
        assert!(!held);
        assert_eq!(events, vec![press(Key::Tab, Modifiers::NONE)]);
    }

    #[test]
    fn text_and_keys_outside_a_composition_pass_unchanged_and_in_order() {
        let mut k = ImeKeys::default();
        let shift = Modifiers::SHIFT;
        let mut raw = RawInput {
            time: Some(1.0),
            events: vec![commit("thủ "), commit("a\tb"), Event::Text("x".into())],
            ..Default::default()
        };
        k.fix(&mut raw, shift);
        assert_eq!(
            raw.events,
            vec![
                commit("thủ "),
                commit("a"),
                press(Key::Tab, shift),
                commit("b"),
                Event::Text("x".into())
            ]
        );
    }
}
