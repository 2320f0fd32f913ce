"""The methodology page is generated from the edition: weights, choices, checks, audit and robustness."""

import numpy as np
import pytest

pytestmark = pytest.mark.django_db


def test_framework_tree_with_weights_and_planned_pillars(client, edition):
    response = client.get("/en/index/methodology/")
    assert response.status_code == 200
    tree = response.context["tree"]
    assert [d["code"] for d in tree] == ["ENA", "BUS", "SOC"]
    indicators = [
        i for d in tree for p in d["children"] if p["measured"] for i in p["children"] if i["measured"]
    ]
    assert sum(i["effective"] for i in indicators) == pytest.approx(
        100.0
    )  # every point of the index accounted
    planned = [p for d in tree for p in d["children"] if p.get("planned")]
    assert {p["code"] for p in planned} == {"TRU", "DTR", "ADO", "GOV"}
    body = response.content.decode()
    assert "ITU publishes its Global Cybersecurity Index without an open licence" in body
    assert "Patent applications by residents" in body and "no data this year" in body


def test_choices_and_checks_describe_the_edition(client, edition, reference):
    context = client.get("/en/index/methodology/").context
    steps = {c["step"]: c["text"] for c in context["choices"]}
    assert "at most 5 years old" in steps["Imputation"]
    assert "min-max to 0-100" in steps["Normalisation"]
    assert "70%" in steps["Coverage"]
    checks = context["checks"]
    assert checks["scored"] == len(reference[2].units) and checks["in_data"] == 215
    assert checks["imputed"] == int(reference[2].imputed_mask.sum())


def test_audit_matches_a_direct_computation(client, edition, reference):
    framework, _, result = reference
    audit = client.get("/en/index/methodology/").context["audit"]
    con = next(g for g in audit["groups"] if g["name"] == "Connectivity and infrastructure")
    X = result.values[:, [framework.position[c] for c in framework.children("CON")]]
    X = X[~np.isnan(X).any(axis=1)]
    k = X.shape[1]
    cov = np.cov(X, rowvar=False)
    alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    assert con["alpha"] == pytest.approx(alpha, abs=0.02)  # the engine uses pairwise-complete covariances
    eigen = np.linalg.eigvalsh(np.corrcoef(X, rowvar=False))
    assert con["pc1"] == pytest.approx(100 * eigen[-1] / eigen.sum(), abs=0.5)
    assert '<table class="mc-heat">' in str(audit["heatmap"])


def test_robustness_section_and_arabic_page(client, edition):
    context = client.get("/ar/index/methodology/").context
    robustness = context["robustness"]
    assert robustness["runs"] == 40 and robustness["median_width"] > 0
    assert len(robustness["sensitivity"]) == 4
    assert 'dir="rtl"' in client.get("/ar/index/methodology/").content.decode()
