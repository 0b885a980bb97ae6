"""The built-in exercises and routines, from the article "The Secret To Back Pain Is In Your Feet!".

Data, not code. Each exercise keeps the article's words for what to do and says in `source` what came from the
article and what footui filled in (rests the article does not give, daily targets it does not state).
"""

from __future__ import annotations

from typing import Any

ARTICLE = "The Secret To Back Pain Is In Your Feet! The 5 Exercises That Fix Everything!"

HEALTH_NOTE = (
    "footui is a timer for exercises from a popular article, not medical advice. "
    "Stop if pain increases, and see a doctor or physiotherapist about back pain that is severe, "
    "lasts, or comes with numbness, weakness or fever."
)

EXERCISES: list[dict[str, Any]] = [
    {
        "id": "toe-press",
        "name": "Toe press",
        "why": "Warms up the legs; the article calls toe presses extremely useful to relieve back pain.",
        "steps": [
            "Start in a standing position.",
            "Bend the knees a bit and grip the floor with the toes.",
            "Hold that position and count to 3.",
        ],
        "equipment": [],
        "sets": 10,
        "hold_s": 3,
        "rest_s": 3,
        "sides": "none",
        "per_day": 3,
        "cue": "HOLD",
        "source": "Article: stand, knees bent a bit, grip the floor, hold for a count of 3; "
        "'3 times daily (10 sets)'. footui: the 3 s rest between sets.",
    },
    {
        "id": "toe-pencil-pickups",
        "name": "Toe pencil pickups",
        "why": "The article calls it very easy and simple to perform.",
        "steps": [
            "Place a pencil on the ground.",
            "Lift it off the ground with your toes.",
            "Hold this position for 10 seconds, then release it.",
        ],
        "equipment": ["a pencil"],
        "sets": 5,
        "hold_s": 10,
        "rest_s": 5,
        "sides": "both",
        "per_day": 1,
        "cue": "HOLD",
        "source": "Article: lift a pencil with the toes, hold 10 s, release; 5 times with both feet. "
        "footui: the 5 s rest, left foot then right, and once a day (the article gives no daily count).",
    },
    {
        "id": "toe-walking",
        "name": "Toe walking",
        "why": "Strengthens the ligaments, the toe muscles and the muscles around the balls of the feet.",
        "steps": [
            "Stand up on your tiptoes.",
            "Move forward on your tiptoes for 20 seconds.",
            "Rest 15 seconds.",
        ],
        "equipment": [],
        "sets": 5,
        "hold_s": 20,
        "rest_s": 15,
        "sides": "none",
        "per_day": 2,
        "cue": "WALK",
        "source": "Article: walk forward on tiptoes for 20 s, rest 15 s, five reps, twice daily. footui adds nothing.",
    },
    {
        "id": "resisted-flexion",
        "name": "Resisted flexion",
        "why": "Works the muscles that pull the foot back against a band's resistance.",
        "steps": [
            "Sit on the floor with your legs straight out.",
            "Loop an exercise band round a bedpost and over the tops of your feet.",
            "Lean back a little to tighten the band.",
            "Pull your foot back towards you and hold for 5 seconds.",
            "Rest a bit between repetitions.",
        ],
        "equipment": ["an exercise band", "a bedpost"],
        "sets": 10,
        "hold_s": 5,
        "rest_s": 10,
        "sides": "none",
        "per_day": 1,
        "cue": "HOLD",
        "source": "Article: band round a bedpost over the feet, pull the foot back, hold 5 s, rest a bit, "
        "10 repetitions. footui: 'a bit' of rest as 10 s, and once a day.",
    },
    {
        "id": "ankle-circles",
        "name": "Ankle circles",
        "why": "Loosens the ankle through its whole range.",
        "steps": [
            "Lie on your back and raise one leg.",
            "Rotate the ankle clockwise for a count of 10.",
            "Then do the same with the other leg.",
        ],
        "equipment": [],
        "sets": 1,
        "hold_s": 10,
        "rest_s": 0,
        "sides": "both",
        "per_day": 1,
        "cue": "CIRCLE",
        "source": "Article: lying on the back, one leg raised, rotate the ankle clockwise for a count of 10, "
        "then the other leg. footui: the count of 10 as 10 s, and once a day.",
    },
]

ROUTINES: list[dict[str, Any]] = [
    {
        "id": "back-relief",
        "name": "Back-pain relief",
        "prepare_s": 5,
        "exercises": ["toe-press", "toe-pencil-pickups", "toe-walking", "resisted-flexion", "ankle-circles"],
        "description": "All five exercises from the article, in its order.",
    },
    {
        "id": "no-equipment",
        "name": "No equipment",
        "prepare_s": 5,
        "exercises": ["toe-press", "toe-walking", "ankle-circles"],
        "description": "The three exercises that need nothing but the floor: for travel or the office.",
    },
    {
        "id": "toe-press-only",
        "name": "Toe press (3x a day)",
        "prepare_s": 5,
        "exercises": ["toe-press"],
        "description": "The article's toe press on its own, for its second and third time of the day.",
    },
]
