#!/usr/bin/env python3
"""Generate the example region used by `make demo`.

EXAMPLE DATA, NOT STATISTICS.  Every number in population.csv is invented
by this script: a fictitious county "Exempelregion" (code 30, not a real
Swedish county code) with six fictitious municipalities, 2005-2024, by sex
and single year of age 0..99 and 100+, on 31 December.  It is shaped like
SCB's table BE0101N1 as a tidy long CSV (the same columns as SCB exports
reshaped by analysts), so that the demo exercises the same code paths as
real data.

Deterministic: the same seed gives the same bytes.
    python3 datasets/example/generate.py > datasets/example/population.csv
"""
import math
import random
import sys

SEED = 20261123
MUNICIPALITIES = [  # code, name, size, age profile shift (years), women share skew
    ("3001", "Ekby", 98000, -3.0, 0.000),
    ("3002", "Fjällsta", 4200, 6.0, -0.012),
    ("3003", "Granviken", 21000, 1.5, -0.004),
    ("3004", "Hamnö", 12500, 3.0, 0.002),
    ("3005", "Lövåsen", 7300, 4.5, -0.008),
    ("3006", "Norrmo", 35500, -1.0, 0.003),
]
YEARS = range(2005, 2025)


def age_weight(age, shift, year):
    """A smooth, plausible age profile that slowly ages over the years."""
    ageing = (year - 2005) * 0.12
    centre = 42 + shift + ageing
    bulk = math.exp(-((age - centre) / 30.0) ** 2)
    survival = 1.0 / (1.0 + math.exp((age - (80 + shift / 3)) / 5.5))
    children = 0.85 if age < 20 else 1.0
    return max(bulk * survival * children, 1e-4)


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    out.write("year,region_code,region,sex,age,population\n")
    for year in YEARS:
        for code, name, size, shift, skew in MUNICIPALITIES:
            growth = 1.0 + 0.004 * (year - 2005) * (1 if size > 20000 else -1)
            for sex in ("women", "men"):
                share = 0.497 + skew + (0.01 if sex == "women" else -0.01) * 0
                total = size * growth * (share if sex == "women" else 1 - share)
                weights = [age_weight(a, shift + (2.5 if sex == "women" else 0), year)
                           for a in range(101)]
                # women live longer: fatten the top of the women's profile
                if sex == "women":
                    weights = [w * (1.0 + max(0, a - 70) * 0.035) for a, w in enumerate(weights)]
                scale = total / sum(weights)
                for age in range(101):
                    noise = rng.gauss(1.0, 0.04)
                    n = max(0, int(round(weights[age] * scale * noise)))
                    label = "100+" if age == 100 else str(age)
                    out.write(f"{year},{code},{name},{sex},{label},{n}\n")


if __name__ == "__main__":
    main()
