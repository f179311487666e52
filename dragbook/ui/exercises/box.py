"""A text box and a Check button for one exercise, so exercises also work without editing code (Voila)."""

import html

import ipywidgets as widgets

from ._core import parse_answer

__all__ = ["AnswerBox"]


class AnswerBox:
    """``AnswerBox(exercise)``: type an answer, press Check; feedback below; after one attempt a
    "Show solution" button appears."""

    def __init__(self, exercise):
        self.exercise = exercise
        n = len(exercise.parts)
        self.text = widgets.Text(placeholder="your answer" + (f" ({n} parts, separated by ';')" if n > 1 else ""),
                                 description="Answer:", layout=widgets.Layout(width="22em"))
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.solution_button = widgets.Button(description="Show solution",
                                              layout=widgets.Layout(display="none"))
        self.feedback = widgets.HTML()
        self.check_button.on_click(lambda _: self.submit())
        self.solution_button.on_click(lambda _: self.show_solution())
        self.widget = widgets.VBox([widgets.HBox([self.text, self.check_button, self.solution_button]),
                                    self.feedback])

    def submit(self):
        """Check what the text box holds and show the feedback; return the Result (None if unreadable)."""
        try:
            given = parse_answer(self.exercise, self.text.value)
        except ValueError as err:
            self.feedback.value = f"<span style='color:#b00'>Could not read that: {html.escape(str(err))}</span>"
            return None
        result = self.exercise.check(given)
        head = "<b>Right.</b> " if result.correct else "<b>Not yet.</b> "
        self.feedback.value = head + html.escape(result.feedback)
        if self.exercise.attempts:
            self.solution_button.layout.display = ""
        return result

    def show_solution(self):
        text = html.escape(self.exercise.solution_text()).replace("\n", "<br>")
        self.feedback.value = f"<b>Solution.</b> {text}"

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
