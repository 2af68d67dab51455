"""Career clusters: the classic 16-cluster framework, the 2024 framework of 14, and our crosswalk.

Careers carry their place in the classic framework (cluster and pathway), as the starter library
and O*NET's career-cluster export give it. The 2024 framework (Advance CTE's modernized National
Career Clusters Framework) is reached through the crosswalk below, which is the project's own: a
classic pathway usually moves as a whole, and the science and engineering pathways, which the
2024 framework spreads over several clusters, are placed by the occupation's SOC group.

When an imported career has no cluster at all (no cluster file was given, and the starter
library does not know the code), :func:`estimated_classic` places it by its SOC major group and
the career is marked as estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

from .careers import Career, ClusterPlace

CLASSIC: dict[str, str] = {
    "agriculture": "Agriculture, Food & Natural Resources",
    "architecture_construction": "Architecture & Construction",
    "arts_av": "Arts, Audio/Video Technology & Communications",
    "business": "Business Management & Administration",
    "education": "Education & Training",
    "finance": "Finance",
    "government": "Government & Public Administration",
    "health": "Health Science",
    "hospitality": "Hospitality & Tourism",
    "human_services": "Human Services",
    "it": "Information Technology",
    "law_safety": "Law, Public Safety, Corrections & Security",
    "manufacturing": "Manufacturing",
    "marketing": "Marketing",
    "stem": "Science, Technology, Engineering & Mathematics",
    "transportation": "Transportation, Distribution & Logistics",
}

CLASSIC_PATHWAYS: dict[str, tuple[str, ...]] = {
    "agriculture": (
        "Agribusiness Systems",
        "Animal Systems",
        "Environmental Service Systems",
        "Food Products and Processing Systems",
        "Natural Resources Systems",
        "Plant Systems",
        "Power, Structural & Technical Systems",
    ),
    "architecture_construction": (
        "Construction",
        "Design/Pre-Construction",
        "Maintenance/Operations",
    ),
    "arts_av": (
        "A/V Technology and Film",
        "Journalism and Broadcasting",
        "Performing Arts",
        "Printing Technology",
        "Telecommunications",
        "Visual Arts",
    ),
    "business": (
        "Administrative Support",
        "Business Information Management",
        "General Management",
        "Human Resources Management",
        "Operations Management",
    ),
    "education": (
        "Administration and Administrative Support",
        "Professional Support Services",
        "Teaching/Training",
    ),
    "finance": (
        "Accounting",
        "Banking Services",
        "Business Finance",
        "Insurance",
        "Securities & Investments",
    ),
    "government": (
        "Foreign Service",
        "Governance",
        "National Security",
        "Planning",
        "Public Management and Administration",
        "Regulation",
        "Revenue and Taxation",
    ),
    "health": (
        "Biotechnology Research and Development",
        "Diagnostic Services",
        "Health Informatics",
        "Support Services",
        "Therapeutic Services",
    ),
    "hospitality": (
        "Lodging",
        "Recreation, Amusements & Attractions",
        "Restaurants and Food/Beverage Services",
        "Travel & Tourism",
    ),
    "human_services": (
        "Consumer Services",
        "Counseling & Mental Health Services",
        "Early Childhood Development & Services",
        "Family & Community Services",
        "Personal Care Services",
    ),
    "it": (
        "Information Support and Services",
        "Network Systems",
        "Programming and Software Development",
        "Web and Digital Communications",
    ),
    "law_safety": (
        "Correction Services",
        "Emergency and Fire Management Services",
        "Law Enforcement Services",
        "Legal Services",
        "Security & Protective Services",
    ),
    "manufacturing": (
        "Health, Safety & Environmental Assurance",
        "Logistics & Inventory Control",
        "Maintenance, Installation & Repair",
        "Manufacturing Production Process Development",
        "Production",
        "Quality Assurance",
    ),
    "marketing": (
        "Marketing Communications",
        "Marketing Management",
        "Marketing Research",
        "Merchandising",
        "Professional Sales",
    ),
    "stem": ("Engineering and Technology", "Science and Mathematics"),
    "transportation": (
        "Facility and Mobile Equipment Maintenance",
        "Health, Safety & Environmental Management",
        "Logistics Planning and Management Services",
        "Sales and Service",
        "Transportation Operations",
        "Transportation Systems/Infrastructure Planning, Management and Regulation",
        "Warehousing and Distribution Center Operations",
    ),
}

MODERN: dict[str, str] = {
    "advanced_manufacturing": "Advanced Manufacturing",
    "agriculture": "Agriculture",
    "arts_design": "Arts, Entertainment & Design",
    "construction": "Construction",
    "digital_technology": "Digital Technology",
    "education": "Education",
    "energy_natural_resources": "Energy & Natural Resources",
    "financial_services": "Financial Services",
    "healthcare_human_services": "Healthcare & Human Services",
    "hospitality_tourism": "Hospitality, Events & Tourism",
    "management_entrepreneurship": "Management & Entrepreneurship",
    "marketing_sales": "Marketing & Sales",
    "public_service_safety": "Public Service & Safety",
    "supply_chain_transportation": "Supply Chain & Transportation",
}

FRAMEWORKS: dict[str, str] = {
    "classic": "Classic framework (16 clusters)",
    "2024": "2024 framework (14 clusters)",
}

# The crosswalk. Each classic cluster has a default 2024 cluster; a pathway that belongs
# elsewhere overrides it; in science and engineering the SOC code decides (longest prefix wins).
_CLUSTER_DEFAULT: dict[str, str] = {
    "agriculture": "agriculture",
    "architecture_construction": "construction",
    "arts_av": "arts_design",
    "business": "management_entrepreneurship",
    "education": "education",
    "finance": "financial_services",
    "government": "public_service_safety",
    "health": "healthcare_human_services",
    "hospitality": "hospitality_tourism",
    "human_services": "healthcare_human_services",
    "it": "digital_technology",
    "law_safety": "public_service_safety",
    "manufacturing": "advanced_manufacturing",
    "marketing": "marketing_sales",
    "stem": "advanced_manufacturing",
    "transportation": "supply_chain_transportation",
}
_PATHWAY_OVERRIDE: dict[tuple[str, str], str] = {
    ("agriculture", "Environmental Service Systems"): "energy_natural_resources",
    ("agriculture", "Natural Resources Systems"): "energy_natural_resources",
    ("arts_av", "Printing Technology"): "advanced_manufacturing",
    ("arts_av", "Telecommunications"): "digital_technology",
    ("human_services", "Early Childhood Development & Services"): "education",
    ("manufacturing", "Logistics & Inventory Control"): "supply_chain_transportation",
    ("stem", "Science and Mathematics"): "energy_natural_resources",
}
_STEM_BY_SOC: dict[str, str] = {
    "15-": "digital_technology",  # mathematicians, statisticians, data scientists
    "17-1": "construction",  # architects, surveyors, cartographers
    "17-2051": "construction",  # civil engineers
    "17-2081": "energy_natural_resources",  # environmental engineers
    "17-2151": "energy_natural_resources",  # mining and geological engineers
    "17-2171": "energy_natural_resources",  # petroleum engineers
    "17-2161": "energy_natural_resources",  # nuclear engineers
    "17-2031": "healthcare_human_services",  # biomedical engineers
    "17-2061": "digital_technology",  # computer hardware engineers
    "17-2": "advanced_manufacturing",
    "17-3": "advanced_manufacturing",
    "19-101": "agriculture",  # agricultural and food scientists
    "19-102": "healthcare_human_services",  # biological scientists
    "19-104": "healthcare_human_services",  # medical scientists, epidemiologists
    "19-103": "energy_natural_resources",  # conservation scientists, foresters
    "19-2": "energy_natural_resources",  # physical scientists
    "19-303": "healthcare_human_services",  # psychologists
    "19-3": "public_service_safety",  # economists, sociologists, planners, historians
    "19-4012": "agriculture",  # agricultural technicians
    "19-4013": "agriculture",  # food science technicians
    "19-402": "healthcare_human_services",  # biological technicians
    "19-4": "energy_natural_resources",  # other science technicians
}

# SOC major group -> classic cluster, only for careers nothing else places.
_SOC_GROUP_ESTIMATE: dict[str, str] = {
    "11": "business",
    "13": "finance",
    "15": "it",
    "17": "stem",
    "19": "stem",
    "21": "human_services",
    "23": "law_safety",
    "25": "education",
    "27": "arts_av",
    "29": "health",
    "31": "health",
    "33": "law_safety",
    "35": "hospitality",
    "37": "hospitality",
    "39": "human_services",
    "41": "marketing",
    "43": "business",
    "45": "agriculture",
    "47": "architecture_construction",
    "49": "manufacturing",
    "51": "manufacturing",
    "53": "transportation",
    "55": "government",
}

_BY_NAME: dict[str, str] = {name.casefold(): key for key, name in CLASSIC.items()}


def classic_cluster_id(name: str) -> str | None:
    """The id of a classic cluster from its name as O*NET's export spells it; None if unknown."""
    return _BY_NAME.get(" ".join(name.split()).casefold())


def crosswalk(place: ClusterPlace, code: str) -> str:
    """The 2024 cluster for one classic placement of the career with SOC ``code``."""
    if place.cluster == "stem" or (place.cluster == "government" and code.startswith("19-")):
        best = ""
        for prefix in _STEM_BY_SOC:
            if code.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        if best:
            return _STEM_BY_SOC[best]
    override = _PATHWAY_OVERRIDE.get((place.cluster, place.pathway))
    return override or _CLUSTER_DEFAULT[place.cluster]


def modern_clusters(career: Career) -> tuple[str, ...]:
    """The career's 2024 clusters, through the crosswalk, without repeats."""
    seen: dict[str, None] = {}
    for place in career.clusters:
        if place.cluster in CLASSIC:
            seen[crosswalk(place, career.code)] = None
    return tuple(seen)


def classic_clusters(career: Career) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.cluster for p in career.clusters if p.cluster in CLASSIC))


def clusters_in(career: Career, framework: str) -> tuple[str, ...]:
    return modern_clusters(career) if framework == "2024" else classic_clusters(career)


def cluster_names(framework: str) -> dict[str, str]:
    return MODERN if framework == "2024" else CLASSIC


def estimated_classic(code: str) -> ClusterPlace | None:
    """A rough classic cluster from the SOC major group, for careers with no cluster data."""
    cluster = _SOC_GROUP_ESTIMATE.get(code[:2])
    return ClusterPlace(cluster) if cluster else None


@dataclass(frozen=True)
class CrosswalkRow:
    """One line of the crosswalk as the cluster browser explains it."""

    classic: str
    pathway: str
    modern: str
    note: str = ""


def crosswalk_table() -> list[CrosswalkRow]:
    """The whole crosswalk, pathway by pathway, for the counselor to read."""
    rows: list[CrosswalkRow] = []
    for cluster, pathways in CLASSIC_PATHWAYS.items():
        for pathway in pathways:
            if cluster == "stem":
                note = "by occupation: " + _stem_summary(pathway)
                rows.append(CrosswalkRow(cluster, pathway, "", note))
                continue
            modern = _PATHWAY_OVERRIDE.get((cluster, pathway)) or _CLUSTER_DEFAULT[cluster]
            rows.append(CrosswalkRow(cluster, pathway, modern))
    return rows


def _stem_summary(pathway: str) -> str:
    if pathway == "Engineering and Technology":
        return (
            "civil engineers, architects and surveyors to Construction; computer hardware to "
            "Digital Technology; environmental, mining, petroleum and nuclear to Energy & Natural "
            "Resources; biomedical to Healthcare & Human Services; the rest to Advanced "
            "Manufacturing"
        )
    return (
        "mathematics and data to Digital Technology; agricultural and food science to "
        "Agriculture; biology, medical science and psychology to Healthcare & Human Services; "
        "social sciences to Public Service & Safety; physical and earth sciences to Energy & "
        "Natural Resources"
    )
