//! Letting go of a key changes nothing on screen, yet egui answers every frame that carries an
//! event with two more frames to let things settle. Without a GPU each frame costs the whole
//! window's painting, so a keystroke cost a round of frames for its press and another for its
//! release. Releases alone are held back here and handed to egui at the front of the next frame
//! that carries anything else (a press, a click, a move, the window losing focus), in the order
//! they happened: egui sees every press and release, in order, and a keystroke costs one round.

use egui::{Event, RawInput};

#[derive(Default)]
pub struct KeyReleases {
    held: Vec<Event>,
}

fn is_release(e: &Event) -> bool {
    matches!(e, Event::Key { pressed: false, .. })
}

impl KeyReleases {
    /// Rewrites this frame's events in place.
    pub fn hold(&mut self, raw: &mut RawInput) {
        if raw.events.is_empty() {
            return;
        }
        if raw.events.iter().all(is_release) {
            self.held.append(&mut raw.events);
            return;
        }
        if !self.held.is_empty() {
            let mut events = std::mem::take(&mut self.held);
            events.append(&mut raw.events);
            raw.events = events;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Key, Modifiers};

    fn key(key: Key, pressed: bool) -> Event {
        Event::Key {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }

    fn frame(k: &mut KeyReleases, events: Vec<Event>) -> Vec<Event> {
        let mut raw = RawInput {
            events,
            ..Default::default()
        };
        k.hold(&mut raw);
        raw.events
    }

    #[test]
    fn a_release_alone_waits_for_the_next_event_and_goes_first() {
        let mut k = KeyReleases::default();
        assert_eq!(
            frame(&mut k, vec![key(Key::A, true), Event::Text("a".into())]).len(),
            2
        );
        assert!(frame(&mut k, vec![key(Key::A, false)]).is_empty());
        assert!(frame(&mut k, vec![]).is_empty());
        assert_eq!(
            frame(&mut k, vec![key(Key::B, true)]),
            vec![key(Key::A, false), key(Key::B, true)]
        );
        assert!(frame(&mut k, vec![]).is_empty());
    }

    #[test]
    fn a_release_with_other_events_is_not_held() {
        let mut k = KeyReleases::default();
        let events = vec![key(Key::A, false), Event::WindowFocused(false)];
        assert_eq!(frame(&mut k, events.clone()), events);
    }

    #[test]
    fn egui_sees_a_key_pressed_again_as_a_new_press_not_a_repeat() {
        // egui marks a press as a repeat while it believes the key is still down.
        let ctx = egui::Context::default();
        let mut k = KeyReleases::default();
        let mut repeats = Vec::new();
        for events in [
            vec![key(Key::A, true)],
            vec![key(Key::A, false)],
            vec![key(Key::A, true)],
        ] {
            let mut raw = RawInput {
                events,
                ..Default::default()
            };
            k.hold(&mut raw);
            let mut out = ctx.run_ui(raw, |ui| {
                repeats.extend(ui.input(|i| {
                    i.events
                        .iter()
                        .filter_map(|e| match e {
                            Event::Key {
                                pressed: true,
                                repeat,
                                ..
                            } => Some(*repeat),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                }));
            });
            out.textures_delta.clear();
        }
        assert_eq!(repeats, vec![false, false]);
    }
}
