/** The hospital on the map: `wx.openLocation` at its published point, named, with its address. */
import type { HospitalInfo } from '../../typings/hospital';

/** Opens WeChat's map at the hospital; without a published point it says so (the address stays on screen). */
export function openHospitalMap(hospital: Pick<HospitalInfo, 'name' | 'address' | 'location'>): void {
  const location = hospital.location;
  if (location === undefined) {
    void wx.showToast({ title: '医院暂未提供地图位置，请按地址前往', icon: 'none' });
    return;
  }
  void wx.openLocation({ latitude: location.latitude, longitude: location.longitude, name: hospital.name, address: hospital.address, scale: 16 });
}
