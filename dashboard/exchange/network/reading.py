"""A network file of any supported format read into nodes and edges: the suffix decides.

.graphml, .gexf, .xml (GraphML or GEXF by its root element) go to `xml`; .xlsx (a Kumu
workbook, or an edge list on its first sheet) and .csv/.tsv/.txt (an edge list) to `files`.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from dashboard.exchange import readers
from dashboard.exchange.network import files, xml
from dashboard.exchange.problems import ERROR, make


def read_network_path(path: str | Path) -> files.RawNetwork:
    path = Path(path)
    return read_network_bytes(path.read_bytes(), path.name)


def read_network_bytes(data: bytes, file_name: str) -> files.RawNetwork:
    network = files.RawNetwork(file_name)
    suffix = PurePosixPath(file_name.lower()).suffix
    if suffix in (".graphml", ".gexf", ".xml"):
        xml.read_xml(network, data)
    elif suffix in readers.XLSX_SUFFIXES:
        files.read_workbook(network, data)
    elif suffix in readers.CSV_SUFFIXES:
        dataset = readers.RawDataset(file_name)
        readers.read_csv_table(dataset, "links", file_name, data)
        network.problems += dataset.problems
        if "links" in dataset.tables:
            files.read_edge_list(network, dataset.tables["links"])
    else:
        network.problems.append(
            make(None, None, None, file_name, "network_unsupported_format", ERROR)
        )
    if network.ok:
        network.add_implicit_nodes()
        if not network.nodes:
            network.problems.append(make(None, None, None, file_name, "network_empty", ERROR))
    return network
