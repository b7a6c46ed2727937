"""The events coded in a text, by trigger: what the event tests compare."""
from newsprobe.pipeline.events import events_for


def event_codes(parser, text: str) -> dict[str, str]:
    return {e.trigger.text: e.code for e in events_for(parser(text), [])}
