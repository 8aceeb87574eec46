"""The read-only SQL views of every interview database, made for publishing a panel
(e.g. with Datasette): plain SQL, built-in JSON functions only.

These are the current definitions. A schema step that changes them drops every view and
makes them again from this dict (see ``schema.py``); an applied step is never edited.
"""

from __future__ import annotations

# Practice sessions never appear in them. Each view a published database shows anonymous
# users has a ``sample`` column: 1 for demo data from ``interview demo`` (a
# ``sample_data`` event on the session).
SAMPLE_SESSION = (
    "EXISTS (SELECT 1 FROM events e WHERE e.kind = 'sample_data' AND e.session_id = s.id)"
)
PANEL_VIEWS = {
    "area_weights": """
        SELECT cs.hash AS content_hash,
               json_extract(cs.snapshot, '$.rubric.id') AS rubric_id,
               json_extract(a.value, '$.id') AS area_id,
               json_extract(a.value, '$.title') AS area_title,
               json_extract(a.value, '$.weight') AS weight,
               json_array_length(a.value, '$.levels') AS levels
        FROM content_snapshots cs, json_each(cs.snapshot, '$.rubric.areas') a""",
    "scorecards": f"""
        SELECT s.id AS session_id, s.candidate_id, c.code AS candidate_code,
               c.name AS candidate_name, s.interviewer, s.role, s.level, s.plan_id,
               s.plan_title, s.rubric_id, round(s.weighted_score, 1) AS weighted_score,
               s.recommendation, s.revision, s.started_at, s.submitted_at, s.justification,
               {SAMPLE_SESSION} AS sample
        FROM sessions s JOIN candidates c ON c.id = s.candidate_id
        WHERE s.mode = 'interview' AND s.status = 'submitted'""",
    "scorecard_scores": f"""
        SELECT s.id AS session_id, s.candidate_id, c.code AS candidate_code,
               c.name AS candidate_name, s.interviewer, s.role, sc.area_id,
               w.area_title, w.weight, sc.score, w.levels, {SAMPLE_SESSION} AS sample
        FROM sessions s
        JOIN candidates c ON c.id = s.candidate_id
        JOIN area_scores sc ON sc.session_id = s.id AND sc.question_id = ''
        LEFT JOIN area_weights w ON w.content_hash = s.content_hash AND w.area_id = sc.area_id
        WHERE s.mode = 'interview' AND s.status = 'submitted' AND sc.score IS NOT NULL""",
    "candidate_area_scores": """
        SELECT candidate_id, candidate_code, candidate_name, area_id,
               max(area_title) AS area_title, max(weight) AS weight,
               count(*) AS raters, round(avg(score), 2) AS mean_score,
               min(score) AS min_score, max(score) AS max_score,
               max(score) - min(score) AS spread,
               (max(score) - min(score) >= 2) AS disagreement, max(sample) AS sample
        FROM scorecard_scores
        GROUP BY candidate_id, area_id""",
    "candidate_summary": f"""
        WITH areas AS (
            SELECT candidate_id,
                   sum(weight * (mean_score - 1) / (coalesce(levels, 4) - 1.0) * 100)
                       / sum(weight) AS combined,
                   max(spread) AS max_spread, sum(disagreement) AS disagreements
            FROM (SELECT candidate_id, max(weight) AS weight, max(levels) AS levels,
                         avg(score) AS mean_score,
                         max(score) - min(score) AS spread,
                         (max(score) - min(score) >= 2) AS disagreement
                  FROM scorecard_scores GROUP BY candidate_id, area_id)
            WHERE weight > 0
            GROUP BY candidate_id
        )
        SELECT c.id AS candidate_id, c.code AS candidate_code, c.name AS candidate_name,
               group_concat(DISTINCT s.role) AS roles,
               count(*) AS scorecards,
               group_concat(DISTINCT s.interviewer) AS interviewers,
               round(a.combined, 1) AS combined_score,
               a.max_spread, a.disagreements,
               sum(s.recommendation = 'strong_yes') AS strong_yes,
               sum(s.recommendation = 'yes') AS yes,
               sum(s.recommendation = 'no') AS no,
               sum(s.recommendation = 'strong_no') AS strong_no,
               max(s.submitted_at) AS last_submitted_at,
               max({SAMPLE_SESSION}) AS sample
        FROM sessions s
        JOIN candidates c ON c.id = s.candidate_id
        LEFT JOIN areas a ON a.candidate_id = c.id
        WHERE s.mode = 'interview' AND s.status = 'submitted'
        GROUP BY c.id""",
    "calibration_history": """
        SELECT interviewer, at, question_id, sample_level, area_id, score, agreed,
               score - agreed AS offset
        FROM calibration_attempts""",
}
