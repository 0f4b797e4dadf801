"""Building blocks for `scripts/make_demo_data.py`: tables of places, trades and buyers.

Everything here is fictitious sample data made to look like the IKM sheets district industry
offices receive. Nothing is read from the network; the same seed always gives the same bytes.
"""
