package org.lockdemo.explain.picture;

/**
 * The explain page's script: steps through the schedule. The steps are the {@code data-step}
 * values of the picture's rows, in order. "Shown" counts the steps revealed (0 to all): an element
 * with {@code data-step} after the last one revealed gets the class {@code later} (hidden by the
 * style sheet, which applies only under {@code html.js}, so without script everything shows); the
 * last one revealed gets {@code current}; an element with {@code data-only-step} (a step's lock
 * table) shows only at its step. The page opens at its start (nothing revealed), or where its
 * address says: {@code #all}, or {@code #step-7}. The body's {@code data-shown} and
 * {@code data-step} tell a browser test where it is. Stateless text.
 */
final class PageScript {
    static final String JS = """
            (function () {
              'use strict';
              document.documentElement.classList.add('js');
              var steps = [];
              document.querySelectorAll('g.row[data-step]').forEach(function (r) { steps.push(+r.dataset.step); });
              var marked = document.querySelectorAll('[data-step]');
              var only = document.querySelectorAll('[data-only-step]');
              var where = document.getElementById('where');
              var prev = document.getElementById('prev');
              var next = document.getElementById('next');
              var play = document.getElementById('play');
              var shown = 0;
              var timer = null;
              var hash = /^#step-(\\d+)$/.exec(location.hash);
              if (location.hash === '#all') {
                shown = steps.length;
              } else if (hash) {
                shown = steps.indexOf(+hash[1]) + 1;
              }
              function render() {
                var last = shown === 0 ? 0 : steps[shown - 1];
                marked.forEach(function (e) {
                  var s = +e.dataset.step;
                  e.classList.toggle('later', s > last);
                  e.classList.toggle('current', s === last);
                });
                only.forEach(function (e) { e.hidden = +e.dataset.onlyStep !== last; });
                where.textContent = shown === 0 ? 'before the first step'
                  : shown === steps.length ? 'step ' + last + ', the last of ' + steps.length
                  : 'step ' + last + ' (' + shown + ' of ' + steps.length + ')';
                document.body.dataset.shown = shown;
                document.body.dataset.step = last;
                prev.disabled = shown === 0;
                next.disabled = shown === steps.length;
              }
              function go(n) {
                shown = Math.max(0, Math.min(steps.length, n));
                render();
              }
              function stop() {
                if (timer !== null) {
                  clearInterval(timer);
                  timer = null;
                  play.textContent = 'Play';
                }
              }
              prev.addEventListener('click', function () { stop(); go(shown - 1); });
              next.addEventListener('click', function () { stop(); go(shown + 1); });
              document.getElementById('whole').addEventListener('click', function () { stop(); go(steps.length); });
              play.addEventListener('click', function () {
                if (timer !== null) {
                  stop();
                  return;
                }
                if (shown === steps.length) {
                  go(0);
                }
                play.textContent = 'Pause';
                timer = setInterval(function () {
                  go(shown + 1);
                  if (shown === steps.length) {
                    stop();
                  }
                }, 1500);
              });
              document.addEventListener('keydown', function (e) {
                if (e.altKey || e.ctrlKey || e.metaKey) {
                  return;
                }
                var to = { ArrowRight: shown + 1, ArrowDown: shown + 1, PageDown: shown + 1,
                  ArrowLeft: shown - 1, ArrowUp: shown - 1, PageUp: shown - 1, Home: 0, End: steps.length }[e.key];
                if (to !== undefined) {
                  e.preventDefault();
                  stop();
                  go(to);
                }
              });
              render();
            })();
            """;

    private PageScript() {
    }
}
