"""The cluster deployment (deploy/Containerfile, deploy/k8s/): the manifests are valid against the Kubernetes
schemas (kubernetes-validate, offline) and agree with the front's own settings (atlas/front.py,
deploy/nginx.conf) and the load measured here (docs/PERFORMANCE.md). Static: nothing is built or run."""
from __future__ import annotations

import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from atlas import front

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
CONTAINERFILE = ROOT / "deploy" / "Containerfile"
MANIFESTS = sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
VERSIONS = ["1.30.0", kubernetes_validate.latest_version()]  # the oldest Kubernetes still common, the newest


def docs() -> dict[str, dict]:
    out = {}
    for path in MANIFESTS:
        for doc in yaml.safe_load_all(path.read_text()):
            out[doc["kind"]] = doc
    return out


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_each_manifest_is_valid_against_the_kubernetes_schemas(path, version):
    for doc in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(doc, version, strict=True)  # raises ValidationError on any unknown field


def test_kustomization_applies_every_manifest_but_the_secret_example():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in MANIFESTS if p.name != "secret.example.yaml")


def test_the_pods_run_the_front_with_its_port_health_path_and_replica_settings():
    d = docs()
    pod = d["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    env = {e["name"]: e for e in container["env"]}
    assert int(env["PORT"]["value"]) == ports["http"]
    assert re.search(rf"^EXPOSE {ports['http']}$", CONTAINERFILE.read_text(), re.M)
    assert re.search(rf"^ENV PORT={ports['http']} ", CONTAINERFILE.read_text(), re.M)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": front.HEALTH_PATH, "port": "http"}, probe
    # The image's command is the front, which starts each replica with REPLICA_OPTIONS; nothing here may
    # override a Streamlit option behind its back (STREAMLIT_* variables).
    assert re.search(r'^CMD \[".venv/bin/python", "-m", "atlas.front"\]$', CONTAINERFILE.read_text(), re.M)
    config = d["ConfigMap"]["data"]
    assert not [k for k in [*env, *config] if k.startswith("STREAMLIT_")]
    assert "command" not in container and "args" not in container
    # The cookie secret comes from a Secret, the same for every pod.
    ref = env["ATLAS_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]
    assert ref["name"] == d["Secret"]["metadata"]["name"] and ref["key"] in d["Secret"]["stringData"]
    assert container["envFrom"] == [{"configMapRef": {"name": d["ConfigMap"]["metadata"]["name"]}}]
    assert front.FRAME_ANCESTORS_ENV in config and front.frame_ancestors(config[front.FRAME_ANCESTORS_ENV]) == []


def test_requests_follow_the_load_measured_here():
    """One Streamlit process per requested core (each runs its scripts on one core at a time); memory from the
    front's measured peaks (two processes and nginx) in docs/PERFORMANCE.md."""
    d = docs()
    (container,) = d["Deployment"]["spec"]["template"]["spec"]["containers"]
    resources = container["resources"]
    replicas = int(d["ConfigMap"]["data"]["REPLICAS"])
    assert int(resources["requests"]["cpu"]) == replicas == 2
    assert re.search(rf"^ENV .*REPLICAS={replicas}\b", CONTAINERFILE.read_text(), re.M)
    perf = (ROOT / "docs" / "PERFORMANCE.md").read_text()
    # The load tables' front rows: | server | users | 3 first load | moves | 3 move | errors | RSS (before →) peak
    rows = [line.split("|") for line in perf.splitlines() if line.startswith("| front (2 replicas) |")]
    peaks = {int(cells[2]): [] for cells in rows}
    for cells in rows:
        peaks[int(cells[2])].append(int(cells[11].split("→")[-1]))
    at_40, peaks = peaks.get(40), [p for ps in peaks.values() for p in ps]
    assert peaks and at_40, "the front's memory figures were not found in docs/PERFORMANCE.md"
    assert mebibytes(resources["requests"]["memory"]) * 1.048 >= max(at_40)  # MiB to MB
    assert mebibytes(resources["limits"]["memory"]) * 1.048 >= 1.2 * max(peaks)
    assert "cpu" not in resources.get("limits", {})  # throttling a replica shows as slider lag


def test_the_ingress_agrees_with_the_front_on_affinity_timeouts_and_uploads():
    d = docs()
    notes = d["Ingress"]["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert notes[prefix + "affinity"] == "cookie" and notes[prefix + "session-cookie-name"] != "atlas_route"
    # sent from inside another site's frame too (embedding), as the pod's route cookie is over HTTPS
    assert notes[prefix + "session-cookie-samesite"] == "None" and notes[prefix + "session-cookie-secure"] == "true"
    assert "http_404" in notes[prefix + "proxy-next-upstream"]
    media = re.search(r"location /media/ \{(.*?)\}", nginx, re.S).group(1)
    assert "proxy_next_upstream error timeout http_404;" in media
    websocket = re.search(r"location = /_stcore/stream \{(.*?)\}", nginx, re.S).group(1)
    assert re.search(r"proxy_read_timeout 1h;", websocket) and re.search(r"proxy_send_timeout 1h;", websocket)
    assert int(notes[prefix + "proxy-read-timeout"]) >= 3600 and int(notes[prefix + "proxy-send-timeout"]) >= 3600
    assert notes[prefix + "proxy-body-size"] == f"{front.UPLOAD_MB + 1}m"  # the pod's nginx upload body limit
    assert "client_max_body_size @@UPLOAD_BODY@@;" in nginx
    backend = d["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == d["Service"]["metadata"]["name"]
    assert backend["port"]["name"] in {p["name"] for p in d["Service"]["spec"]["ports"]}


def test_selectors_and_targets_point_at_the_pods():
    d = docs()
    labels = d["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert d["Deployment"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert d["Service"]["spec"]["selector"].items() <= labels.items()
    assert d["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    target = d["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", d["Deployment"]["metadata"]["name"])
    assert d["HorizontalPodAutoscaler"]["spec"]["minReplicas"] >= 2
    assert d["PodDisruptionBudget"]["spec"]["minAvailable"] >= 1


def test_the_image_is_debian_with_pinned_requirements_and_the_snapshot_inside():
    text = CONTAINERFILE.read_text()
    assert re.search(r"^FROM debian:", text, re.M)
    installed = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", text.split("apt-get install", 1)[1].split("&&", 1)[0]))
    install_nginx = (ROOT / "scripts" / "install-nginx.sh").read_text()
    nginx_packages = re.search(r"^packages=\((.*)\)$", install_nginx, re.M).group(1)
    assert set(nginx_packages.split()) | {"python3", "python3-venv"} <= installed
    assert "pip install --no-cache-dir --disable-pip-version-check -r requirements.txt" in text
    requirements = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", r) for r in requirements if r)
    # The snapshot and static files are in the build context; what the image builds is built at build time.
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line and line[0] != "#"]
    assert not {"data", "data/", "static", "static/", "atlas", "deploy"} & set(ignored)
    assert "python -m atlas.pipeline.dataset" in text and "python -m atlas.front --build --profiles" in text
    after_user = text.split("\nUSER ", 1)[1]
    assert "RUN " not in after_user and not re.search(r"curl|wget|pip install|apt-get", after_user)
